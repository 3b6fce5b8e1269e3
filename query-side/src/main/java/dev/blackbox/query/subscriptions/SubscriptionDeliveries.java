package dev.blackbox.query.subscriptions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts a worker for every subscription whose lease this process can take, so each subscription is
 * delivered by exactly one process at a time (one conditional UPDATE decides), and a crashed
 * process's subscriptions are taken over once their leases expire.
 */
final class SubscriptionDeliveries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDeliveries.class);

    private final SubscriptionWorker.Parts parts;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService scanner;

    private record Running(SubscriptionWorker worker, Thread thread) {
    }

    SubscriptionDeliveries(SubscriptionWorker.Parts parts) {
        this.parts = parts;
    }

    /**
     * The node's name, for people reading the table, and a part unique per process start: a restarted
     * process must not believe it still holds its old leases.
     */
    static String newOwner(String nodeId) {
        return nodeId + "/" + UUID.randomUUID();
    }

    /** Looks for subscriptions to take at once, so a new or replayed one does not wait for the next scan. */
    void wake() {
        ScheduledExecutorService current = scanner;
        if (current != null) {
            current.execute(this::scan);
        }
    }

    private void scan() {
        try {
            Instant now = parts.clock().instant();
            for (SubscriptionRow row : parts.repository().all()) {
                if (running.containsKey(row.id()) || row.pausedAt() != null
                        || (row.leaseOwner() != null && !row.leaseOwner().equals(parts.owner())
                        && row.leaseUntil() != null && row.leaseUntil().isAfter(now))) {
                    continue;
                }
                if (parts.repository().lease(row.id(), parts.owner(), now, now.plus(parts.properties().lease()))) {
                    start(row.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for subscriptions to deliver; trying again shortly", e);
        }
    }

    private void start(String id) {
        SubscriptionWorker worker = new SubscriptionWorker(id, parts, () -> running.remove(id));
        Thread thread = new Thread(worker, "subscription-" + id);
        thread.setDaemon(true);
        running.put(id, new Running(worker, thread));
        thread.start();
    }

    @Override
    public synchronized void start() {
        parts.head().start();
        scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "subscription-leases");
            thread.setDaemon(true);
            return thread;
        });
        long every = parts.properties().scanInterval().toMillis();
        scanner.scheduleWithFixedDelay(this::scan, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scanner == null) {
            return;
        }
        scanner.shutdownNow();
        scanner = null;
        running.values().forEach(r -> r.worker().stop());
        parts.head().stop();
        for (Running r : running.values()) {
            try {
                r.thread().join(parts.properties().timeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scanner != null;
    }

    /** Stops before the event processors and the database connections it reads through. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
