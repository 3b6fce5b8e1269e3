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

    /**
     * What a measured phase produced. {@code errors} are those of the requests counted (sent after the
     * warm-up); the warm-up's are kept apart, and reported too, since none is acceptable.
     */
    record Result(String name, long requests, long errors, long warmupErrors, double seconds,
                  Histogram latencyMicros, List<String> errorSamples, double clientCpuShare) {

        /** A phase without a warm-up of its own. */
        Result(String name, long requests, long errors, double seconds, Histogram latencyMicros,
               List<String> errorSamples, double clientCpuShare) {
            this(name, requests, errors, 0, seconds, latencyMicros, errorSamples, clientCpuShare);
        }

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

    /** A load spread over several processes: the whole, and each process's share. */
    record Spread(Result total, List<Result> perProcess) {
    }

    /**
     * Runs {@code bots} bots spread evenly over {@code urls}, all at once. Bots keep the numbers they
     * have in a one-process run ({@code botFactory} sees the same numbers), so they work on the same
     * incidents; bot {@code b} goes to {@code urls[b % urls.size()]}.
     */
    static Spread spread(String name, List<URI> urls, String token, int bots, Duration warmup, Duration measure,
                         IntFunction<Bot> botFactory) throws InterruptedException {
        if (urls.size() == 1) {
            Result only = run(name, urls.get(0), token, bots, warmup, measure, botFactory);
            return new Spread(only, List.of(only));
        }
        int processes = urls.size();
        if (bots < processes) {
            throw new IllegalArgumentException(bots + " bots cannot load " + processes + " processes");
        }
        Result[] results = new Result[processes];
        InterruptedException[] interrupted = new InterruptedException[1];
        List<Thread> runs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            int process = p;
            int share = bots / processes + (process < bots % processes ? 1 : 0);
            Thread thread = new Thread(() -> {
                try {
                    results[process] = run(name + " via " + urls.get(process), urls.get(process), token, share,
                            warmup, measure, local -> botFactory.apply(local * processes + process));
                } catch (InterruptedException e) {
                    interrupted[0] = e;
                }
            }, name + "-process-" + p);
            runs.add(thread);
            thread.start();
        }
        for (Thread thread : runs) {
            thread.join();
        }
        if (interrupted[0] != null) {
            throw interrupted[0];
        }
        List<Result> perProcess = List.of(results);
        Histogram latency = new Histogram(3_600_000_000L, 3);
        List<String> samples = new ArrayList<>();
        long requests = 0;
        long errors = 0;
        long warmupErrors = 0;
        double seconds = 0;
        for (Result result : perProcess) {
            latency.add(result.latencyMicros());
            result.errorSamples().stream().limit(ERROR_SAMPLES - samples.size()).forEach(samples::add);
            requests += result.requests();
            errors += result.errors();
            warmupErrors += result.warmupErrors();
            seconds = Math.max(seconds, result.seconds());
        }
        Result total = new Result(name, requests, errors, warmupErrors, seconds, latency, List.copyOf(samples),
                perProcess.get(0).clientCpuShare());
        return new Spread(total, perProcess);
    }

    static Result run(String name, Supplier<HttpConnection> connections, int bots, Duration warmup, Duration measure,
                      IntFunction<Bot> botFactory) throws InterruptedException {
        Recorder recorder = new Recorder(3_600_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong warmupErrors = new AtomicLong();
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
                            (sent >= measureFrom ? errors : warmupErrors).incrementAndGet();
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
        return new Result(name, requests.get(), errors.get(), warmupErrors.get(), seconds, recorder.getIntervalHistogram(),
                List.copyOf(samples), cpuShare);
    }
}
