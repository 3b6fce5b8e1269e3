package dev.blackbox.query.subscriptions;

import dev.blackbox.query.incident.IncidentRepository;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.replay.ReadModelCommits;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineRepository;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A fact as subscriptions deliver it: the read models' timeline entry and the incident it belongs
 * to. Every subscription that is caught up asks for the same few facts, so the latest ones are kept
 * and read from the database once.
 */
final class Facts {

    private static final int KEPT = 10_000;

    private record Key(String incidentId, long sequence) {
    }

    private final TimelineRepository timeline;
    private final IncidentRepository incidents;
    private final ReadModelCommits commits;
    private final Map<Key, DeliveryBodies.Fact> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, DeliveryBodies.Fact> eldest) {
            return size() > KEPT;
        }
    };

    Facts(TimelineRepository timeline, IncidentRepository incidents, ReadModelCommits commits) {
        this.timeline = timeline;
        this.incidents = incidents;
        this.commits = commits;
    }

    /** The read models' batches committed so far; taken before a {@link #read} that may find nothing. */
    long commits() {
        return commits.count();
    }

    /** Waits up to {@code wait} for the read models to commit a batch after the {@code seen}th. */
    void awaitCommitAfter(long seen, Duration wait) throws InterruptedException {
        commits.awaitAfter(seen, wait);
    }

    /** Empty until the read models have taken the fact in. */
    Optional<DeliveryBodies.Fact> read(String eventType, String incidentId, long sequence, long position) {
        Key key = new Key(incidentId, sequence);
        synchronized (recent) {
            DeliveryBodies.Fact known = recent.get(key);
            if (known != null) {
                return Optional.of(known);
            }
        }
        Optional<TimelineEntryView> entry = timeline.entry(incidentId, sequence);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Optional<IncidentView> incident = incidents.findView(incidentId);
        if (incident.isEmpty()) {
            return Optional.empty();
        }
        DeliveryBodies.Fact fact = new DeliveryBodies.Fact(eventType, incident.get(), entry.get(), position);
        synchronized (recent) {
            recent.put(key, fact);
        }
        return Optional.of(fact);
    }
}
