package dev.blackbox.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the same work on many threads released at one moment, as concurrent clients would send it. */
public final class AllAtOnce {

    /** One worker's share of the work; {@code worker} counts from 0. */
    @FunctionalInterface
    public interface Work<T> {
        T run(int worker) throws Exception;
    }

    private AllAtOnce() {
    }

    /** Every worker's result, in worker order, once all have finished; the first failure is thrown. */
    public static <T> List<T> run(int workers, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int worker = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.run(worker);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
