package dev.blackbox.plumbing.eventsource;

import dev.blackbox.plumbing.eventstore.AfterAppendCommit;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells the readers of the event store that new events may be readable: right after a transaction of
 * this process that appended events has committed, when another process on the same database says
 * its appends did ({@link PostgresCommitNotices}), and on every tick of the poll interval for the
 * events of other processes that nothing announced.
 *
 * <p>The signal follows the physical commit, once per transaction ({@link AfterAppendCommit}): a
 * group of commands sharing one transaction becomes readable only when it commits. Commits that
 * follow a wake within the wake gap are signalled together when the gap ends.
 */
final class CommitSignal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommitSignal.class);

    private final Duration pollInterval;
    private final Wakes prompt;
    private final Wakes background;
    private final Wakes ownCommits;
    private volatile ScheduledExecutorService ticker;

    /** Every reader woken at most once per {@code wakeGap}. */
    CommitSignal(EventBus eventStore, Duration pollInterval, Duration wakeGap) {
        this(eventStore, pollInterval, wakeGap, wakeGap);
    }

    /**
     * @param wakeGap           the least time between two wakes by commits: the commits in between are
     *                          read together at the end of it, so the readers commit once for all of them
     * @param backgroundWakeGap the same for readers that nobody waits on ({@link #listenInBackground})
     */
    CommitSignal(EventBus eventStore, Duration pollInterval, Duration wakeGap, Duration backgroundWakeGap) {
        this.pollInterval = pollInterval;
        this.prompt = new Wakes(wakeGap);
        this.background = new Wakes(backgroundWakeGap);
        this.ownCommits = new Wakes(wakeGap);
        eventStore.subscribe(this::appending);
    }

    /** Runs {@code listener} on every signal until the registration is cancelled; it must return quickly. */
    Registration listen(Runnable listener) {
        return prompt.listen(listener);
    }

    /**
     * As {@link #listen}, woken by commits at most once per background wake gap: each wake costs a
     * reader a few queries and its own commit, which a reader nobody waits on can spend on more events
     * at once.
     */
    Registration listenInBackground(Runnable listener) {
        return background.listen(listener);
    }

    /**
     * Runs {@code listener} after this process's appends commit, at most once per wake gap (the commits
     * in between share a run), and not for other processes' commits or the poll's ticks. It runs on the
     * committing thread or the signal's own, so it must return quickly.
     */
    Registration listenToOwnCommits(Runnable listener) {
        return ownCommits.listen(listener);
    }

    /** Another process's appends have committed: its events are read as if this process had committed them. */
    void othersCommitted() {
        wakeReaders();
    }

    private void appending(List<? extends EventMessage<?>> events) {
        AfterAppendCommit.run(this, this::committed);
    }

    private void committed() {
        wakeReaders();
        ownCommits.committed();
    }

    private void wakeReaders() {
        prompt.committed();
        background.committed();
    }

    void fire() {
        prompt.fire();
        background.fire();
    }

    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-store-poll");
            thread.setDaemon(true);
            return thread;
        });
        long interval = pollInterval.toMillis();
        ticker.scheduleWithFixedDelay(this::fire, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ticker.shutdownNow();
        ticker = null;
        // A wake the shutdown dropped must not keep later commits from waking the readers.
        prompt.wakeDue.set(false);
        background.wakeDue.set(false);
        ownCommits.wakeDue.set(false);
    }

    @Override
    public synchronized boolean isRunning() {
        return ticker != null;
    }

    /** Readers woken together, at most once per gap. */
    private final class Wakes {

        private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
        private final long gapNanos;
        private final AtomicBoolean wakeDue = new AtomicBoolean();
        private volatile long lastWake;

        Wakes(Duration gap) {
            this.gapNanos = gap.toNanos();
            this.lastWake = System.nanoTime() - gapNanos;
        }

        Registration listen(Runnable listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void committed() {
            if (listeners.isEmpty() || !wakeDue.compareAndSet(false, true)) {
                // Nobody to wake, or a wake is due and has not started yet: the readers will find this
                // commit's events then.
                return;
            }
            long wait = lastWake + gapNanos - System.nanoTime();
            ScheduledExecutorService scheduler = ticker;
            if (wait <= 0 || scheduler == null) {
                wake();
                return;
            }
            try {
                scheduler.schedule(this::wake, wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                // The ticker stopped since it was read; this runs after a command's commit and must not fail it.
                wake();
            }
        }

        private void wake() {
            // Cleared before the readers look, so a commit they might miss schedules the next wake.
            wakeDue.set(false);
            lastWake = System.nanoTime();
            fire();
        }

        void fire() {
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    // Runs after a command's commit: failing here would answer a stored command with an error.
                    log.warn("an event store reader could not be woken; it reads again at the next tick", e);
                }
            }
        }
    }
}
