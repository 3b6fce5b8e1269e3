package dev.blackbox.query.subscriptions;

import dev.blackbox.events.IncidentEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one subscription, on a thread of its own, while this process holds its lease: reads the
 * event store from the subscription's token, delivers each fact its filter admits, one at a time and
 * in the store's order (so in order per incident), and saves its token as it goes. A fact is
 * delivered before the token passes it, so after a crash it is delivered again, with the same
 * {@code webhook-id}. A failing receiver holds up only this thread.
 */
final class SubscriptionWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionWorker.class);

    /** How often the lease is renewed and the row looked at for replays, deletion and parked retries. */
    private static final Duration TICK = Duration.ofMillis(500);
    /** Progress is saved at most this often while events keep coming, and at once when they stop. */
    private static final Duration SAVE_EVERY = Duration.ofMillis(250);
    /** How long to wait for the read models' entry of a fact before looking again. */
    private static final Duration ENTRY_POLL = Duration.ofMillis(10);

    /** What a worker needs from the process it runs in. */
    record Parts(SubscriptionRepository repository, SubscriptionTokens tokens, Facts facts, DeliveryBodies bodies, Receiver receiver, SubscriptionMeters meters,
            SubscriptionProperties properties, Clock clock, String owner) {
    }

    private final String id;
    private final Parts parts;
    private final Runnable ended;
    private volatile boolean stopping;
    private Instant nextTick = Instant.EPOCH;
    private long generation;
    /** Written with the progress, not at each delivery: one write per delivery would slow every command. */
    private Instant lastDeliveryAt;
    private boolean failing;
    private long deliveredSinceSave;

    SubscriptionWorker(String id, Parts parts, Runnable ended) {
        this.id = id;
        this.parts = parts;
        this.ended = ended;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                Optional<SubscriptionRow> row = parts.repository().find(id);
                if (row.isEmpty() || row.get().pausedAt() != null || !parts.owner().equals(row.get().leaseOwner())) {
                    return;
                }
                follow(row.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Subscription {} stopped delivering; another attempt follows shortly", id, e);
        } finally {
            parts.repository().release(id, parts.owner());
            parts.meters().forget(id);
            ended.run();
        }
    }

    /** Delivers from the row's token until stopped, or until the row changes generation (a replay). */
    private void follow(SubscriptionRow row) throws InterruptedException {
        generation = row.generation();
        URI url = URI.create(row.url());
        WebhookSecret secret = WebhookSecret.parse(row.secret());
        TrackingToken last = parts.tokens().read(row);
        parts.meters().following(id, row.position(), row.caughtUpAt());
        Instant caughtUpAt = row.caughtUpAt();
        Instant lastSave = now();
        boolean dirty = false;
        try (BlockingStream<TrackedEventMessage<?>> stream = parts.tokens().source().openStream(last)) {
            while (!stopping) {
                if (!tick(url, secret)) {
                    return;
                }
                if (stream.hasNextAvailable((int) TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    if (!deliver(row, url, secret, event, SubscriptionTokens.positionOf(last, event.trackingToken()))) {
                        return;
                    }
                    last = event.trackingToken();
                    dirty = true;
                    if (Duration.between(lastSave, now()).compareTo(SAVE_EVERY) < 0) {
                        continue;
                    }
                } else if (!dirty && caughtUpAt != null) {
                    continue;
                } else {
                    caughtUpAt = now();
                }
                if (!parts.repository().progress(id, parts.owner(), generation, parts.tokens().progress(last, caughtUpAt),
                        deliveredSinceSave, lastDeliveryAt)) {
                    return;
                }
                parts.meters().following(id, SubscriptionTokens.position(last), caughtUpAt);
                lastSave = now();
                deliveredSinceSave = 0;
                dirty = false;
            }
        }
    }

    /**
     * Renews the lease and answers false when the worker must read the row again: it lost the lease,
     * the subscription was deleted, paused or replayed. Also retries the parked deliveries asked for.
     */
    private boolean tick(URI url, WebhookSecret secret) throws InterruptedException {
        Instant now = now();
        if (now.isBefore(nextTick)) {
            return true;
        }
        nextTick = now.plus(TICK);
        if (!parts.repository().lease(id, parts.owner(), now, now.plus(parts.properties().lease()))) {
            stopping = true;
            return false;
        }
        Optional<SubscriptionRow> row = parts.repository().find(id);
        if (row.isEmpty() || row.get().generation() != generation) {
            return false;
        }
        for (SubscriptionRepository.Parked parked : parts.repository().parked(id)) {
            if (parked.retryRequested()) {
                retryParked(url, secret, parked);
            }
        }
        return true;
    }

    private void retryParked(URI url, WebhookSecret secret, SubscriptionRepository.Parked parked)
            throws InterruptedException {
        Receiver.Outcome outcome = parts.receiver().send(url, secret, parked.webhookId(), parked.body());
        if (outcome instanceof Receiver.Delivered) {
            parts.repository().unpark(id, parked.webhookId());
            parts.repository().delivered(id, now());
            parts.meters().delivered(id, null);
        } else {
            String reason = outcome instanceof Receiver.Refused refused ? refused.reason()
                    : ((Receiver.Retry) outcome).reason();
            parts.repository().park(id, new SubscriptionRepository.Parked(parked.webhookId(), parked.incidentId(),
                    parked.sequence(), parked.position(), parked.body(), reason, now(), false));
        }
    }

    /** False when the worker must stop or read its row again before this event is done with. */
    private boolean deliver(SubscriptionRow row, URI url, WebhookSecret secret, TrackedEventMessage<?> event,
            long position) throws InterruptedException {
        if (!(event instanceof DomainEventMessage<?> domain) || !IncidentEvent.class.isAssignableFrom(event.getPayloadType())) {
            return true;
        }
        String incidentId = domain.getAggregateIdentifier();
        long sequence = domain.getSequenceNumber();
        Optional<DeliveryBodies.Fact> read = parts.facts().read(event.getPayloadType().getSimpleName(), incidentId,
                sequence, position);
        // The read models write the entry and the incident within moments of the store; they are the
        // one place a fact becomes the text people read, so deliveries wait for them.
        while (read.isEmpty()) {
            Thread.sleep(ENTRY_POLL.toMillis());
            if (stopping || !tick(url, secret)) {
                return false;
            }
            read = parts.facts().read(event.getPayloadType().getSimpleName(), incidentId, sequence, position);
        }
        DeliveryBodies.Fact fact = read.get();
        if (!row.filter().admits(fact.incident(), fact.entry().kind())) {
            return true;
        }
        String body = parts.bodies().body(row.format(), fact);
        return send(url, secret, event, incidentId, sequence, position, body);
    }

    private boolean send(URI url, WebhookSecret secret, TrackedEventMessage<?> event, String incidentId, long sequence,
            long position, String body) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Receiver.Outcome outcome = parts.receiver().send(url, secret, event.getIdentifier(), body);
            Instant now = now();
            if (outcome instanceof Receiver.Delivered) {
                lastDeliveryAt = now;
                deliveredSinceSave++;
                if (failing) {
                    parts.repository().delivered(id, now);
                    failing = false;
                }
                parts.meters().delivered(id, Duration.between(event.getTimestamp(), now));
                return true;
            }
            if (outcome instanceof Receiver.Refused refused) {
                parts.repository().park(id, new SubscriptionRepository.Parked(event.getIdentifier(), incidentId,
                        sequence, position, body, refused.reason(), now, false));
                parts.meters().parked(id);
                return true;
            }
            Receiver.Retry retry = (Receiver.Retry) outcome;
            parts.meters().failed(id);
            failing = true;
            Instant failingSince = parts.repository().failed(id, retry.reason(), now);
            if (!Duration.between(failingSince, now).minus(parts.properties().pauseAfter()).isNegative()) {
                log.warn("Subscription {} paused: its deliveries have failed since {} (last: {})", id,
                        failingSince, retry.reason());
                parts.repository().pause(id, now);
                stopping = true;
                return false;
            }
            if (!waitBeforeRetry(url, secret, retry.retryAfter().orElse(backoff(attempt)))) {
                return false;
            }
        }
    }

    /** Exponential, capped, and less a random part of up to half so that receivers are not hit in step. */
    private Duration backoff(int attempt) {
        long initial = parts.properties().initialBackoff().toMillis();
        long max = parts.properties().maxBackoff().toMillis();
        long full = attempt >= 30 ? max : Math.min(max, initial << attempt);
        return Duration.ofMillis(full - ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    private boolean waitBeforeRetry(URI url, WebhookSecret secret, Duration wait) throws InterruptedException {
        Duration capped = wait.compareTo(parts.properties().maxBackoff()) > 0 ? parts.properties().maxBackoff() : wait;
        Instant until = now().plus(capped);
        while (now().isBefore(until)) {
            Thread.sleep(Math.max(1, Math.min(TICK.toMillis(), Duration.between(now(), until).toMillis())));
            if (stopping || !tick(url, secret)) {
                return false;
            }
        }
        return true;
    }

    private Instant now() {
        return parts.clock().instant();
    }
}
