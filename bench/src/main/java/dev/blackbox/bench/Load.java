package dev.blackbox.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load: each bot sends its next request when the previous one was answered, on its own
 * keep-alive connection. Latency is therefore service time at that concurrency (no coordinated
 * omission correction, since a bot really does wait). Only requests started after the warm-up count.
 */
final class Load {

    /** What a bot does next: one request; any answer from 300 up counts as an error. */
    interface Bot {
        HttpConnection.Response next(HttpConnection connection) throws IOException;

        /** Waits until the bot's next request is due; a paced bot's wait is not part of the latency. */
        default void awaitTurn() {
        }
    }

    /** What a measured phase produced; errors include the warm-up's, since none is acceptable. */
    record Result(String name, long requests, long errors, double seconds, Histogram latencyMicros,
                  List<String> errorSamples, double clientCpuShare) {

        double perSecond() {
            return requests / seconds;
        }
    }

    private static final int ERROR_SAMPLES = 5;

    private Load() {
    }

    static Result run(String name, URI url, String token, int bots, Duration warmup, Duration measure,
                      IntFunction<Bot> botFactory) throws InterruptedException {
        return run(name, () -> new HttpConnection(url, token), bots, warmup, measure, botFactory);
    }

    static Result run(String name, Supplier<HttpConnection> connections, int bots, Duration warmup, Duration measure,
                      IntFunction<Bot> botFactory) throws InterruptedException {
        Recorder recorder = new Recorder(3_600_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(bots);
        List<Thread> threads = new ArrayList<>();
        for (int b = 0; b < bots; b++) {
            Bot bot = botFactory.apply(b);
            Thread thread = new Thread(() -> {
                try (HttpConnection connection = connections.get()) {
                    for (bot.awaitTurn(); System.nanoTime() < end; bot.awaitTurn()) {
                        long sent = System.nanoTime();
                        String failure = null;
                        try {
                            HttpConnection.Response response = bot.next(connection);
                            if (response.status() >= 300) {
                                failure = response.status() + " " + response.body();
                            }
                        } catch (IOException | RuntimeException e) {
                            failure = e.toString();
                        }
                        long answered = System.nanoTime();
                        if (sent >= measureFrom) {
                            recorder.recordValue(Math.max(1, (answered - sent) / 1_000));
                            requests.incrementAndGet();
                        }
                        if (failure != null) {
                            errors.incrementAndGet();
                            if (samples.size() < ERROR_SAMPLES) {
                                samples.add(failure);
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, name + "-bot-" + b);
            thread.setDaemon(true);
            threads.add(thread);
        }
        long cpuBefore = Machine.processCpuNanos();
        threads.forEach(Thread::start);
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        recorder.getIntervalHistogram();
        long cpuAtMeasure = Machine.processCpuNanos();
        long measuredFrom = System.nanoTime();
        done.await();
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        long cpu = Machine.processCpuNanos() - cpuAtMeasure;
        double cpuShare = cpuBefore < 0 ? Double.NaN : cpu / (seconds * 1e9 * Runtime.getRuntime().availableProcessors());
        return new Result(name, requests.get(), errors.get(), seconds, recorder.getIntervalHistogram(),
                List.copyOf(samples), cpuShare);
    }
}
