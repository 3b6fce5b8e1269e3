package dev.blackbox.query.subscriptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of the store's head that every caught-up subscription of this process follows: it
 * reads each event once, looks its fact up once, and hands the step to each follower's bounded queue.
 * A subscription that is behind reads a stream of its own and joins once its token has everything
 * this reader has handed out (so nothing is skipped; what it already had it skips). A follower whose
 * queue is full is dropped, and reads on by itself: a slow receiver never holds the others up.
 *
 * <p>The reader runs while it has followers and starts from the token of the first one to join.
 */
final class HeadReader {

    private static final Logger log = LoggerFactory.getLogger(HeadReader.class);
    private static final Duration WAIT = Duration.ofMillis(500);

    /** A subscription following the head: the steps handed to it, and whether it was dropped. */
    static final class Follower {
        private final BlockingQueue<Step> steps;
        private volatile boolean dropped;

        private Follower(int capacity) {
            steps = new ArrayBlockingQueue<>(capacity);
        }

        /** The next step, waiting up to {@code wait}; empty when none came or the follower was dropped. */
        Optional<Step> next(Duration wait) throws InterruptedException {
            Step step = steps.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            // The reader drops a follower after the last step it handed it: one more look finds that step.
            return Optional.ofNullable(step == null && dropped ? steps.poll() : step);
        }

        /** True once the reader stopped handing steps to this follower and all it handed were taken. */
        boolean dropped() {
            return dropped && steps.isEmpty();
        }
    }

    private final SubscriptionTokens tokens;
    private final Facts facts;
    private final int capacity;
    private final List<Follower> followers = new ArrayList<>();
    /** The token of the last step handed out, or the first follower's while none was. */
    private TrackingToken at;
    private boolean running;
    private volatile boolean stopping;

    HeadReader(SubscriptionTokens tokens, Facts facts, int capacity) {
        this.tokens = tokens;
        this.facts = facts;
        this.capacity = capacity;
    }

    /**
     * Follows the head from {@code token} if that token has every event this reader has handed out;
     * empty if not yet, and the subscription reads on by itself.
     */
    synchronized Optional<Follower> join(TrackingToken token) {
        if (stopping) {
            return Optional.empty();
        }
        if (!running) {
            at = token;
            running = true;
            Thread thread = new Thread(this::run, "subscriptions-head");
            thread.setDaemon(true);
            thread.start();
        } else if (at != null && (token == null || !token.covers(at))) {
            return Optional.empty();
        }
        Follower follower = new Follower(capacity);
        followers.add(follower);
        return Optional.of(follower);
    }

    synchronized void leave(Follower follower) {
        followers.remove(follower);
    }

    /** Lets subscriptions join again after a {@link #stop}, when the process's deliveries start again. */
    void start() {
        stopping = false;
    }

    void stop() {
        stopping = true;
    }

    private void run() {
        TrackingToken last;
        synchronized (this) {
            last = at;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = tokens.openStream(last)) {
            while (followed()) {
                if (!stream.hasNextAvailable((int) WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                Optional<Step> step = Step.read(event, last, facts, () -> !stopping);
                if (step.isEmpty()) {
                    end();
                    return;
                }
                handOut(step.get());
                last = event.trackingToken();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end();
        } catch (RuntimeException e) {
            log.warn("The subscriptions' reader of the store stopped; each subscription reads on by itself", e);
            end();
        }
    }

    /** False, and the reader ends, once nobody follows: the next to join starts it again from its token. */
    private synchronized boolean followed() {
        if (stopping) {
            end();
            return false;
        }
        if (followers.isEmpty()) {
            running = false;
            return false;
        }
        return true;
    }

    private synchronized void handOut(Step step) {
        followers.removeIf(follower -> {
            if (follower.steps.offer(step)) {
                return false;
            }
            follower.dropped = true;
            return true;
        });
        at = step.token();
    }

    /** Drops every follower, so each reads on by itself. */
    private synchronized void end() {
        running = false;
        followers.forEach(follower -> follower.dropped = true);
        followers.clear();
    }
}
