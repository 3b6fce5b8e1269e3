package dev.blackbox.query.subscriptions;

import java.time.Instant;

/** A subscription as stored, its delivery state included. */
record SubscriptionRow(
        String id,
        String url,
        String secret,
        SubscriptionFilter filter,
        SubscriptionFormat format,
        Instant createdAt,
        byte[] tokenData,
        String tokenType,
        long position,
        long generation,
        Instant caughtUpAt,
        long deliveredCount,
        Instant lastDeliveryAt,
        String lastError,
        Instant lastErrorAt,
        Instant failingSince,
        Instant pausedAt,
        String leaseOwner,
        Instant leaseUntil) {
}
