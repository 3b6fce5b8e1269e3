package dev.blackbox.query.subscriptions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per subscription, in the process that delivers it: deliveries, failed attempts, parked deliveries,
 * the time from a fact's storing to its delivery, how far behind the store's head it is, and whether
 * it follows the shared reader of the head.
 */
final class SubscriptionMeters {

    private static final String TAG = "subscription";

    private final MeterRegistry registry;
    private final LongSupplier head;
    private final Clock clock;
    private final Map<String, Following> following = new ConcurrentHashMap<>();

    /** Where a delivering worker is, for the lag gauges. */
    private static final class Following {
        volatile long position;
        volatile Instant caughtUpAt;
        volatile boolean atHead;
        List<Meter> gauges;
    }

    SubscriptionMeters(MeterRegistry registry, LongSupplier head, Clock clock) {
        this.registry = registry;
        this.head = head;
        this.clock = clock;
    }

    void following(String id, long position, Instant caughtUpAt) {
        Following state = following.computeIfAbsent(id, this::gauges);
        state.position = position;
        state.caughtUpAt = caughtUpAt;
    }

    /** Whether the subscription follows the process's shared reader of the head or reads on by itself. */
    void atHead(String id, boolean atHead) {
        following.computeIfAbsent(id, this::gauges).atHead = atHead;
    }

    void forget(String id) {
        Following state = following.remove(id);
        if (state != null) {
            state.gauges.forEach(registry::remove);
        }
    }

    void delivered(String id, Duration sinceStored) {
        Counter.builder("blackbox.subscriptions.deliveries").tag(TAG, id).description("Deliveries a receiver accepted")
                .register(registry).increment();
        if (sinceStored != null) {
            Timer.builder("blackbox.subscriptions.delivery.lag").tag(TAG, id)
                    .description("Time from a fact's storing to its delivery").publishPercentiles(0.5, 0.99)
                    .register(registry).record(sinceStored.isNegative() ? Duration.ZERO : sinceStored);
        }
    }

    void failed(String id) {
        Counter.builder("blackbox.subscriptions.failures").tag(TAG, id)
                .description("Delivery attempts that failed and are retried").register(registry).increment();
    }

    void parked(String id) {
        Counter.builder("blackbox.subscriptions.parked").tag(TAG, id)
                .description("Deliveries a receiver refused, parked until retried").register(registry).increment();
    }

    private Following gauges(String id) {
        Following state = new Following();
        state.gauges = List.of(
                Gauge.builder("blackbox.subscriptions.lag.events", state, s -> lagEvents(s.position))
                        .tag(TAG, id).description("Events stored that the subscription has not read yet")
                        .register(registry),
                Gauge.builder("blackbox.subscriptions.lag", state, s -> lagSeconds(lagEvents(s.position), s.caughtUpAt))
                        .tag(TAG, id).baseUnit("seconds").description("How long the subscription has been behind")
                        .register(registry),
                Gauge.builder("blackbox.subscriptions.head", state, s -> s.atHead ? 1 : 0)
                        .tag(TAG, id).description("1 while the subscription follows the shared reader of the store's head, "
                                + "0 while it reads on by itself to catch up")
                        .register(registry));
        return state;
    }

    long lagEvents(long position) {
        return Math.max(0, head.getAsLong() - position);
    }

    double lagSeconds(long lagEvents, Instant caughtUpAt) {
        if (lagEvents == 0 || caughtUpAt == null) {
            return 0;
        }
        return Math.max(0, Duration.between(caughtUpAt, clock.instant()).toMillis() / 1000.0);
    }
}
