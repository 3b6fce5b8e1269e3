package dev.blackbox.plumbing.aggregates;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Takes snapshots one at a time on a thread of their own, away from the commands' threads; on
 * shutdown it lets a snapshot in progress finish instead of cutting it off mid-write.
 */
final class SnapshotExecutor implements Executor, AutoCloseable {

    private static final long SHUTDOWN_GRACE_SECONDS = 10;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread snapshotter = new Thread(task, "aggregate-snapshotter");
        snapshotter.setDaemon(true);
        return snapshotter;
    });

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    }
}
