package dev.blackbox.bench;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Axon Server alone appending event-shaped messages, the ceiling of the axonserver profile's ingest:
 * each append carries one event, the next of its writer's current aggregate, so Axon Server checks
 * its sequence number as it does for a command's events. The events stay in the store, so this needs
 * an Axon Server of its own, not the measured server's: Blackbox's processors would read them and a
 * rebuild would count them. Their payload type is none of Blackbox's, so even there they would be no
 * incident's facts.
 */
final class AxonServerCeiling {

    private static final int EVENTS_PER_AGGREGATE = 50;

    private AxonServerCeiling() {
    }

    /** {@code server} is host:port of Axon Server's gRPC port; appends run from {@code writers} threads. */
    static Load.Result appends(String server, String context, int writers, Duration warmup, Duration measure)
            throws InterruptedException {
        int colon = server.lastIndexOf(':');
        AxonServerConnectionFactory factory = AxonServerConnectionFactory.forClient("blackbox-bench")
                .routingServers(colon < 0 ? new ServerAddress(server)
                        : new ServerAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))))
                .build();
        try {
            EventChannel events = factory.connect(context).eventChannel();
            String runId = UUID.randomUUID().toString().substring(0, 8);
            Recorder recorder = new Recorder(3_600_000_000L, 3);
            AtomicLong appended = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
            long measureFrom = System.nanoTime() + warmup.toNanos();
            long end = measureFrom + measure.toNanos();
            CountDownLatch done = new CountDownLatch(writers);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = "axon-server-ceiling-" + runId + "-" + w;
                Thread thread = new Thread(() -> {
                    try {
                        for (long n = 0; System.nanoTime() < end; n++) {
                            long sent = System.nanoTime();
                            try {
                                events.appendEvents(event(writer + "-" + n / EVENTS_PER_AGGREGATE,
                                        n % EVENTS_PER_AGGREGATE)).get();
                            } catch (ExecutionException e) {
                                errors.incrementAndGet();
                                if (samples.size() < 5) {
                                    samples.add(e.getCause().toString());
                                }
                            }
                            if (sent >= measureFrom) {
                                recorder.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
                                appended.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                }, "axon-server-ceiling-" + w);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            recorder.getIntervalHistogram();
            long measuredFrom = System.nanoTime();
            done.await();
            return new Load.Result("axon server " + writers + " threads, 1 event/append", appended.get(),
                    errors.get(), (System.nanoTime() - measuredFrom) / 1e9, recorder.getIntervalHistogram(),
                    List.copyOf(samples), Double.NaN);
        } finally {
            factory.shutdown();
        }
    }

    private static Event event(String aggregateId, long sequenceNumber) {
        return Event.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setAggregateIdentifier(aggregateId)
                .setAggregateSequenceNumber(sequenceNumber)
                .setAggregateType("AxonServerCeiling")
                .setTimestamp(System.currentTimeMillis())
                .setPayload(SerializedObject.newBuilder()
                        .setType("dev.blackbox.bench.AxonServerCeilingEvent")
                        .setRevision("1")
                        .setData(ByteString.copyFrom(JdbcCeiling.PAYLOAD)))
                .build();
    }
}
