package dev.blackbox.query.timeline;

import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.ContributingFactorWithdrawn;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.CorrectiveActionCompleted;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.NoteVisibility;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.SeverityChanged;
import dev.blackbox.plumbing.batch.ProcessorBatch;
import dev.blackbox.query.Phrases;
import dev.blackbox.query.replay.ReadModel;
import dev.blackbox.query.replay.ReadModelProcessor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry per event, written at the event's sequence number so a replay overwrites instead of
 * duplicating. The text is composed once, here, so every reader sees the same sentence. Each saved
 * entry is also an update to the subscription queries on {@link FindTimeline} for its incident,
 * which is what live followers of the timeline receive.
 */
@Component
@ProcessingGroup(ReadModelProcessor.PROCESSING_GROUP)
@ReadModel(TimelineProjection.NAME)
public class TimelineProjection {

    public static final String NAME = "timeline";

    private static final DateTimeFormatter DUE_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final TimelineRepository repository;
    private final QueryUpdateEmitter updates;
    private final ProcessorBatch<List<Announced>> committed = ProcessorBatch.afterCommit(ArrayList::new, this::announce);

    public TimelineProjection(TimelineRepository repository, QueryUpdateEmitter updates) {
        this.repository = repository;
        this.updates = updates;
    }

    @EventHandler
    void on(IssueDetected event, @SequenceNumber long sequence) {
        String text = "Issue detected by " + orUnknown(event.detectedBy()) + ": " + event.title()
                + " (" + event.severity() + ")";
        entry(event, sequence, TimelineEntryKind.DETECTED, text).add();
    }

    @EventHandler
    void on(IncidentAcknowledged event, @SequenceNumber long sequence) {
        String responder = event.responder() == null ? event.recordedBy() : event.responder();
        entry(event, sequence, TimelineEntryKind.ACKNOWLEDGED, "Acknowledged by " + orUnknown(responder))
                .actor(responder)
                .add();
    }

    @EventHandler
    void on(IncidentEscalated event, @SequenceNumber long sequence) {
        entry(event, sequence, TimelineEntryKind.ESCALATED,
                withDetail("Escalated to " + event.escalationTarget(), event.reason())).add();
    }

    @EventHandler
    void on(HypothesisRecorded event, @SequenceNumber long sequence) {
        String text = "Hypothesis recorded: " + event.statement()
                + (isBlank(event.suspectedComponent()) ? "" : " (suspected component: " + event.suspectedComponent() + ")");
        entry(event, sequence, TimelineEntryKind.HYPOTHESIS_RECORDED, text)
                .hypothesis(event.hypothesisId())
                .subject(event.statement())
                .add();
    }

    @EventHandler
    void on(HypothesisRuledOut event, @SequenceNumber long sequence) {
        String text = closing("Hypothesis ruled out: ", event.incidentId(), event.hypothesisId(), event.evidence());
        entry(event, sequence, TimelineEntryKind.HYPOTHESIS_RULED_OUT, text).hypothesis(event.hypothesisId()).add();
    }

    @EventHandler
    void on(HypothesisConfirmed event, @SequenceNumber long sequence) {
        String text = closing("Hypothesis confirmed: ", event.incidentId(), event.hypothesisId(), event.evidence());
        entry(event, sequence, TimelineEntryKind.HYPOTHESIS_CONFIRMED, text).hypothesis(event.hypothesisId()).add();
    }

    @EventHandler
    void on(ActionTaken event, @SequenceNumber long sequence) {
        String text = "Action taken: " + event.description() + " (" + Phrases.outcome(event.outcome()) + ")";
        entry(event, sequence, TimelineEntryKind.ACTION_TAKEN, text)
                .hypothesis(event.hypothesisId())
                .action(event.actionId())
                .add();
    }

    @EventHandler
    void on(ImpactAssessed event, @SequenceNumber long sequence) {
        List<String> parts = new ArrayList<>();
        if (event.userImpactPercent() != null) {
            parts.add(event.userImpactPercent() + "% of users affected");
        }
        if (!event.affectedServices().isEmpty()) {
            parts.add("services: " + String.join(", ", event.affectedServices()));
        }
        if (!isBlank(event.description())) {
            parts.add(event.description());
        }
        entry(event, sequence, TimelineEntryKind.IMPACT_ASSESSED, withDetail("Impact assessed", String.join("; ", parts)))
                .add();
    }

    @EventHandler
    void on(SeverityChanged event, @SequenceNumber long sequence) {
        String head = event.previousSeverity() == null
                ? "Severity changed to " + event.severity()
                : "Severity changed from " + event.previousSeverity() + " to " + event.severity();
        entry(event, sequence, TimelineEntryKind.SEVERITY_CHANGED, withDetail(head, event.reason())).add();
    }

    @EventHandler
    void on(RootCauseIdentified event, @SequenceNumber long sequence) {
        String text = "Root cause identified (" + Phrases.category(event.category()) + "): " + event.summary();
        entry(event, sequence, TimelineEntryKind.ROOT_CAUSE_IDENTIFIED, text).hypothesis(event.hypothesisId()).add();
    }

    @EventHandler
    void on(IncidentMitigated event, @SequenceNumber long sequence) {
        entry(event, sequence, TimelineEntryKind.MITIGATED, withDetail("Mitigated", event.description())).add();
    }

    @EventHandler
    void on(IncidentResolved event, @SequenceNumber long sequence) {
        entry(event, sequence, TimelineEntryKind.RESOLVED, withDetail("Resolved", event.resolution())).add();
    }

    @EventHandler
    void on(IncidentReopened event, @SequenceNumber long sequence) {
        entry(event, sequence, TimelineEntryKind.REOPENED, withDetail("Reopened", event.reason())).add();
    }

    @EventHandler
    void on(CorrectiveActionAdded event, @SequenceNumber long sequence) {
        StringBuilder text = new StringBuilder("Corrective action added (")
                .append(event.kind() == null ? "task" : event.kind().name().toLowerCase(Locale.ROOT));
        if (!isBlank(event.owner())) {
            text.append(", owner ").append(event.owner());
        }
        if (event.dueAt() != null) {
            text.append(", due ").append(DUE_DATE.format(event.dueAt()));
        }
        text.append("): ").append(event.description());
        entry(event, sequence, TimelineEntryKind.CORRECTIVE_ACTION_ADDED, text.toString())
                .correctiveAction(event.correctiveActionId())
                .subject(event.description())
                .add();
    }

    @EventHandler
    void on(CorrectiveActionCompleted event, @SequenceNumber long sequence) {
        String description = repository.subject(event.incidentId(), TimelineEntryKind.CORRECTIVE_ACTION_ADDED,
                TimelineRepository.Link.CORRECTIVE_ACTION, event.correctiveActionId()).orElse(event.correctiveActionId());
        entry(event, sequence, TimelineEntryKind.CORRECTIVE_ACTION_COMPLETED, "Corrective action completed: " + description)
                .correctiveAction(event.correctiveActionId())
                .add();
    }

    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence) {
        String label = event.visibility() == NoteVisibility.PUBLIC ? "Public update: " : "Note: ";
        entry(event, sequence, TimelineEntryKind.NOTE_ADDED, label + event.text()).add();
    }

    @EventHandler
    void on(ConclusionWritten event, @SequenceNumber long sequence) {
        entry(event, sequence, TimelineEntryKind.CONCLUSION_WRITTEN, "Conclusion written").add();
    }

    @EventHandler
    void on(ContributingFactorIdentified event, @SequenceNumber long sequence) {
        String kind = event.kind().name().toLowerCase(Locale.ROOT);
        String head = event.category() == null ? kind : kind + ", " + Phrases.category(event.category());
        entry(event, sequence, TimelineEntryKind.CONTRIBUTING_FACTOR_IDENTIFIED,
                "Contributing factor identified (" + head + "): " + event.description())
                .hypothesis(event.hypothesisId())
                .add();
    }

    @EventHandler
    void on(ContributingFactorWithdrawn event, @SequenceNumber long sequence) {
        entry(event, sequence, TimelineEntryKind.CONTRIBUTING_FACTOR_WITHDRAWN,
                withDetail("Contributing factor " + event.factorId() + " withdrawn", event.reason())).add();
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    /** {@code null} when unknown: callers ask for an optional answer, and an {@code Optional} cannot cross Axon Server. */
    @QueryHandler
    TimelineView handle(FindTimeline query) {
        List<TimelineEntryView> entries = repository.entries(query.incidentId());
        return entries.isEmpty() ? null : new TimelineView(query.incidentId(), entries);
    }

    /** Names the hypothesis by its statement, quoted so the evidence after it reads apart from it. */
    private String closing(String head, String incidentId, String hypothesisId, String evidence) {
        String statement = repository.subject(incidentId, TimelineEntryKind.HYPOTHESIS_RECORDED,
                TimelineRepository.Link.HYPOTHESIS, hypothesisId).orElse(hypothesisId);
        return head + "\"" + statement + "\"" + (isBlank(evidence) ? "" : " — " + evidence);
    }

    private Entry entry(IncidentEvent event, long sequence, TimelineEntryKind kind, String text) {
        return new Entry(event, sequence, kind, text);
    }

    private static String withDetail(String head, String detail) {
        return isBlank(detail) ? head : head + ": " + detail;
    }

    private static String orUnknown(String value) {
        return isBlank(value) ? "an unknown sender" : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** An entry being composed: the sender is the actor and nothing is linked unless said otherwise. */
    private final class Entry {

        private final IncidentEvent event;
        private final long sequence;
        private final TimelineEntryKind kind;
        private final String text;
        private String actor;
        private String hypothesisId;
        private String actionId;
        private String correctiveActionId;
        private String subject;

        private Entry(IncidentEvent event, long sequence, TimelineEntryKind kind, String text) {
            this.event = event;
            this.sequence = sequence;
            this.kind = kind;
            this.text = text;
            this.actor = event.recordedBy();
        }

        Entry actor(String actor) {
            if (actor != null) {
                this.actor = actor;
            }
            return this;
        }

        Entry hypothesis(String hypothesisId) {
            this.hypothesisId = hypothesisId;
            return this;
        }

        Entry action(String actionId) {
            this.actionId = actionId;
            return this;
        }

        Entry correctiveAction(String correctiveActionId) {
            this.correctiveActionId = correctiveActionId;
            return this;
        }

        /** What later entries call this hypothesis or corrective action by. */
        Entry subject(String subject) {
            this.subject = subject;
            return this;
        }

        void add() {
            TimelineEntryView entry = new TimelineEntryView(event.occurredAt(), kind, actor, text,
                    hypothesisId, actionId, correctiveActionId, sequence);
            repository.put(event.incidentId(), entry, subject);
            committed.apply(entries -> entries.add(new Announced(event.incidentId(), entry)));
        }
    }

    /**
     * Hands a committed batch's entries to their incidents' live followers. Axon builds each update
     * message with the correlation data of the event being handled, which means reading the event's
     * metadata, a cost a rebuild, or a server no one follows a timeline on, would pay per entry; so
     * whether anyone follows at all is asked first, after the commit. Asked then, a follower that
     * subscribed while the batch was being written gets the entries as updates, and one that
     * subscribes later finds them in its initial result.
     */
    private void announce(List<Announced> entries) {
        if (updates.activeSubscriptions().isEmpty()) {
            return;
        }
        for (Announced announced : entries) {
            updates.emit(FindTimeline.class, query -> query.incidentId().equals(announced.incidentId()),
                    announced.entry());
        }
    }

    private record Announced(String incidentId, TimelineEntryView entry) {
    }
}
