package dev.blackbox.query.subscriptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A subscription and how its deliveries go. {@code secret} is only ever shown in the answer that
 * created the subscription. {@code position} is the store position of the last event it read, as a
 * command answer's {@code Blackbox-Position} counts; {@code lagEvents} the events stored after it,
 * {@code lagSeconds} how long it has been behind.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(
        String subscriptionId,
        String url,
        String secret,
        SubscriptionFilter filter,
        SubscriptionFormat format,
        Instant createdAt,
        String state,
        long position,
        long lagEvents,
        double lagSeconds,
        long deliveredCount,
        Instant lastDeliveryAt,
        String lastError,
        Instant lastErrorAt,
        Instant failingSince,
        Instant pausedAt,
        List<ParkedView> parked) {

    /** A delivery a receiver refused, kept until retried. */
    public record ParkedView(String webhookId, String incidentId, long sequence, long position, String reason,
            Instant parkedAt, boolean retryRequested) {
    }
}
