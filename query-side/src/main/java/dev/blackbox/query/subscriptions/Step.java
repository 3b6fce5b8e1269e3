package dev.blackbox.query.subscriptions;

import dev.blackbox.events.IncidentEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * One event of the store as subscriptions take it, read and looked up once however many deliver it:
 * its token, its own place in the store, and the fact people read ({@code null} for an event that is
 * no incident's fact). Each format's body is rendered once; only the signature is per subscription.
 */
final class Step {

    /**
     * How long to wait for the read models' entry of a fact before looking again without being told
     * of a commit: another process's read models (a split deployment's other query process holds some
     * of their segments) commit without this one hearing of it.
     */
    private static final Duration ENTRY_WAIT = Duration.ofMillis(50);

    /** Asked between looks for a fact's entry; false abandons the wait. */
    interface StillWanted {
        boolean stillWanted() throws InterruptedException;
    }

    private final TrackingToken token;
    private final long position;
    private final String webhookId;
    private final Instant storedAt;
    private final DeliveryBodies.Fact fact;
    private final Map<SubscriptionFormat, String> bodies = new EnumMap<>(SubscriptionFormat.class);

    private Step(TrackingToken token, long position, String webhookId, Instant storedAt, DeliveryBodies.Fact fact) {
        this.token = token;
        this.position = position;
        this.webhookId = webhookId;
        this.storedAt = storedAt;
        this.fact = fact;
    }

    /**
     * The step of {@code event}, read right after the event whose token is {@code previous}. The read
     * models write the entry and the incident within moments of the store; they are the one place a
     * fact becomes the text people read, so this waits for them, looking again as each batch of
     * theirs commits. Empty when the wait was abandoned.
     */
    static Optional<Step> read(TrackedEventMessage<?> event, TrackingToken previous, Facts facts, StillWanted wanted)
            throws InterruptedException {
        long position = SubscriptionTokens.positionOf(previous, event.trackingToken());
        if (!(event instanceof DomainEventMessage<?> domain) || !IncidentEvent.class.isAssignableFrom(event.getPayloadType())) {
            return Optional.of(new Step(event.trackingToken(), position, event.getIdentifier(), event.getTimestamp(), null));
        }
        String type = event.getPayloadType().getSimpleName();
        long commits = facts.commits();
        Optional<DeliveryBodies.Fact> fact = facts.read(type, domain.getAggregateIdentifier(), domain.getSequenceNumber(), position);
        while (fact.isEmpty()) {
            facts.awaitCommitAfter(commits, ENTRY_WAIT);
            if (!wanted.stillWanted()) {
                return Optional.empty();
            }
            commits = facts.commits();
            fact = facts.read(type, domain.getAggregateIdentifier(), domain.getSequenceNumber(), position);
        }
        return Optional.of(new Step(event.trackingToken(), position, event.getIdentifier(), event.getTimestamp(), fact.get()));
    }

    TrackingToken token() {
        return token;
    }

    long position() {
        return position;
    }

    String webhookId() {
        return webhookId;
    }

    Instant storedAt() {
        return storedAt;
    }

    /** Whether {@code filter} wants this step delivered: an incident's fact it admits. */
    boolean admittedBy(SubscriptionFilter filter) {
        return fact != null && filter.admits(fact.incident(), fact.entry().kind());
    }

    String incidentId() {
        return fact.incident().incidentId();
    }

    long sequence() {
        return fact.entry().sequence();
    }

    synchronized String body(SubscriptionFormat format, DeliveryBodies renderer) {
        return bodies.computeIfAbsent(format, f -> renderer.body(f, fact));
    }
}
