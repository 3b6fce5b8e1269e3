package dev.blackbox.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the readers of the event store that new events may be readable: right after a transaction of
 * this process that appended events has committed, and on every tick of the poll interval for the
 * events that other processes on the same database append.
 *
 * <p>The event store calls its subscribers while the appending transaction is still open. The signal
 * waits for the physical commit of the outermost Spring transaction: commands that run in nested
 * transactions (savepoints) of one shared transaction commit, and become readable, only with it, and
 * Spring runs the synchronizations registered inside a nested transaction only then. Axon's own
 * after-commit of a command's unit of work would fire when its savepoint is released, too early for a
 * reader to see anything. Without a Spring transaction the unit of work's commit is the physical one.
 */
final class CommitSignal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommitSignal.class);

    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private final Duration pollInterval;
    private ScheduledExecutorService ticker;

    CommitSignal(EventBus eventStore, Duration pollInterval) {
        this.pollInterval = pollInterval;
        eventStore.subscribe(this::appending);
    }

    /** Runs {@code listener} on every signal until the registration is cancelled; it must return quickly. */
    Registration listen(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void appending(List<? extends EventMessage<?>> events) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    fire();
                }
            });
        } else if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> fire());
        } else {
            fire();
        }
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
    }

    @Override
    public synchronized boolean isRunning() {
        return ticker != null;
    }
}
