package dev.blackbox.query.subscriptions;

import dev.blackbox.query.subscriptions.HeadReader.Follower;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one subscription while this process holds its lease. Caught up, it follows the process's
 * {@link HeadReader}; behind (new from the beginning, replayed, back after its receiver was down, or
 * dropped by the head reader because it fell behind) it reads a stream of its own until it can join.
 * Each fact its filter admits goes out on its incident's {@link Lanes lane}, so one incident's facts
 * arrive in the store's order while different incidents' go out at the same time. A fact is delivered
 * before the token passes it ({@link InFlight}), so after a crash it is delivered again, with the same
 * {@code webhook-id}. A failing receiver holds up only this subscription.
 */
final class SubscriptionWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionWorker.class);

    /** How often the lease is renewed and the row looked at for replays, deletion and parked retries. */
    private static final Duration TICK = Duration.ofMillis(500);
    /** Progress is saved at most this often while events keep coming, and at once when they stop. */
    private static final Duration SAVE_EVERY = Duration.ofMillis(250);

    /** What a worker needs from the process it runs in. */
    record Parts(SubscriptionRepository repository, SubscriptionTokens tokens, Facts facts, DeliveryBodies bodies, Receiver receiver, SubscriptionMeters meters,
            SubscriptionProperties properties, Clock clock, String owner, HeadReader head) {
    }

    private final String id;
    private final Parts parts;
    private final Runnable ended;
    private volatile boolean stopping;
    /** Set when a {@link #follow} ends: its lanes stop waiting to retry. */
    private volatile boolean halted;
    private Instant nextTick = Instant.EPOCH;
    private long generation;
    /** Written with the progress, not at each delivery: one write per delivery would slow every command. */
    private volatile Instant lastDeliveryAt;
    private volatile boolean failing;
    private final AtomicLong deliveredSinceSave = new AtomicLong();

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
        halted = false;
        URI url = URI.create(row.url());
        WebhookSecret secret = WebhookSecret.parse(row.secret());
        TrackingToken read = parts.tokens().read(row);
        TrackingToken saved = read;
        InFlight inFlight = new InFlight(read, parts.properties().backlog());
        Lanes lanes = new Lanes(parts.properties().inFlight(), "subscription-" + id);
        parts.meters().following(id, row.position(), row.caughtUpAt());
        Instant caughtUpAt = row.caughtUpAt();
        Instant lastSave = now();
        BlockingStream<TrackedEventMessage<?>> own = null;
        Follower follower = null;
        TrackingToken joinedAt = null;
        try {
            while (!stopping) {
                lanes.check();
                if (!tick(url, secret)) {
                    return;
                }
                boolean idle = false;
                boolean room = inFlight.awaitRoom(TICK);
                if (room && follower == null) {
                    if (own == null) {
                        own = parts.tokens().openStream(read);
                    }
                    if (own.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> event = own.nextAvailable();
                        Optional<Step> step = Step.read(event, read, parts.facts(), () -> !stopping && tick(url, secret));
                        if (step.isEmpty()) {
                            return;
                        }
                        read = event.trackingToken();
                        take(row, url, secret, step.get(), read, inFlight, lanes);
                    } else {
                        follower = parts.head().join(read).orElse(null);
                        if (follower != null) {
                            own.close();
                            own = null;
                            joinedAt = read;
                            parts.meters().atHead(id, true);
                        } else {
                            idle = !own.hasNextAvailable((int) TICK.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    }
                } else if (room) {
                    Optional<Step> step = follower.next(TICK);
                    if (step.isPresent()) {
                        read = read == null ? step.get().token() : read.upperBound(step.get().token());
                        if (SubscriptionTokens.contains(joinedAt, step.get().position())) {
                            inFlight.pass(read);
                        } else {
                            take(row, url, secret, step.get(), read, inFlight, lanes);
                        }
                    } else if (follower.dropped()) {
                        parts.head().leave(follower);
                        follower = null;
                        parts.meters().atHead(id, false);
                    } else {
                        idle = true;
                    }
                }
                TrackingToken done = inFlight.done();
                boolean moved = !Objects.equals(done, saved);
                if (idle && inFlight.isEmpty() && (moved || caughtUpAt == null)) {
                    caughtUpAt = now();
                } else if (!moved || Duration.between(lastSave, now()).compareTo(SAVE_EVERY) < 0) {
                    continue;
                }
                if (!parts.repository().progress(id, parts.owner(), generation, parts.tokens().progress(done, caughtUpAt),
                        deliveredSinceSave.getAndSet(0), lastDeliveryAt)) {
                    return;
                }
                parts.meters().following(id, SubscriptionTokens.position(done), caughtUpAt);
                lastSave = now();
                saved = done;
            }
        } finally {
            halted = true;
            lanes.stop();
            if (own != null) {
                own.close();
            }
            if (follower != null) {
                parts.head().leave(follower);
                parts.meters().atHead(id, false);
            }
        }
    }

    /** Sends {@code step} on its incident's lane if this subscription wants it; {@code token} is the token after it. */
    private void take(SubscriptionRow row, URI url, WebhookSecret secret, Step step, TrackingToken token,
            InFlight inFlight, Lanes lanes) {
        if (!step.admittedBy(row.filter())) {
            inFlight.pass(token);
            return;
        }
        InFlight.Slot slot = inFlight.take(token);
        String body = step.body(row.format(), parts.bodies());
        lanes.submit(step.incidentId(), () -> {
            if (!send(url, secret, step, body)) {
                return false;
            }
            inFlight.finish(slot);
            return true;
        });
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

    /** Sends on a lane until the receiver takes or refuses it; false when the subscription must stop. */
    private boolean send(URI url, WebhookSecret secret, Step step, String body) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Receiver.Outcome outcome = parts.receiver().send(url, secret, step.webhookId(), body);
            Instant now = now();
            if (outcome instanceof Receiver.Delivered) {
                lastDeliveryAt = now;
                deliveredSinceSave.incrementAndGet();
                if (failing) {
                    failing = false;
                    parts.repository().delivered(id, now);
                }
                parts.meters().delivered(id, Duration.between(step.storedAt(), now));
                return true;
            }
            if (outcome instanceof Receiver.Refused refused) {
                parts.repository().park(id, new SubscriptionRepository.Parked(step.webhookId(), step.incidentId(),
                        step.sequence(), step.position(), body, refused.reason(), now, false));
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
            if (!waitBeforeRetry(retry.retryAfter().orElse(backoff(attempt)))) {
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

    /** The worker's own thread renews the lease meanwhile and notices a replay or deletion; this lane only waits. */
    private boolean waitBeforeRetry(Duration wait) throws InterruptedException {
        Duration capped = wait.compareTo(parts.properties().maxBackoff()) > 0 ? parts.properties().maxBackoff() : wait;
        Instant until = now().plus(capped);
        while (now().isBefore(until)) {
            Thread.sleep(Math.max(1, Math.min(TICK.toMillis(), Duration.between(now(), until).toMillis())));
            if (stopping || halted) {
                return false;
            }
        }
        return true;
    }

    private Instant now() {
        return parts.clock().instant();
    }
}
