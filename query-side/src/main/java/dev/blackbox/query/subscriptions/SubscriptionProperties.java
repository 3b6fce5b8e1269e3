package dev.blackbox.query.subscriptions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How subscriptions deliver.
 *
 * @param allowPrivateTargets deliver to loopback, link-local and any-local addresses too; off, so a
 *                            subscription cannot be aimed at this host or a cloud metadata service
 * @param timeout             how long one delivery may take before it counts as failed and is retried
 * @param initialBackoff      the wait before the first retry; each further retry waits twice as long,
 *                            less a random part of up to half (jitter)
 * @param maxBackoff          the longest wait between retries, a {@code Retry-After} included
 * @param pauseAfter          a subscription whose deliveries have failed this long without one
 *                            success is paused until resumed through the API
 * @param lease               how long a process may go silent before another takes a subscription over
 * @param scanInterval        how often a process looks for subscriptions nobody delivers
 * @param inFlight            deliveries one subscription sends at once, each incident's one after the
 *                            other: different incidents' do not wait for each other
 * @param backlog             facts one subscription may have read and not yet delivered; a subscription
 *                            that far behind the process's reader of the store reads on by itself
 */
@ConfigurationProperties("blackbox.subscriptions")
public record SubscriptionProperties(
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("1h") Duration pauseAfter,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("1s") Duration scanInterval,
        @DefaultValue("4") int inFlight,
        @DefaultValue("1000") int backlog) {
}
