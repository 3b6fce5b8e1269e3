package dev.blackbox.query.subscriptions;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one signed delivery and says what became of it. Redirects are not followed: a receiver
 * could otherwise send Blackbox on to an address the subscription's checks refused.
 *
 * <p>A delivery blocks the lane that sends it, over a kept-alive connection of the lane's own, so
 * that a request costs no hand-off between threads. A blocked socket does not notice its thread's
 * interrupt, and a receiver that answers a byte at a time would pass every read's timeout, so a
 * watchdog looks at the requests under way and cancels those past their deadline and those whose
 * lane was told to stop.
 */
final class Receiver implements AutoCloseable {

    /** What one attempt came to. */
    sealed interface Outcome {
    }

    record Delivered(int status) implements Outcome {
    }

    /** Worth trying again: 5xx, 408, 429, a timeout or no connection; the receiver may say when. */
    record Retry(String reason, Optional<Duration> retryAfter) implements Outcome {
    }

    /** Never worth trying again as it is: any other answer. */
    record Refused(String reason) implements Outcome {
    }

    private static final ContentType JSON = ContentType.create("application/json");
    /** How soon past its deadline a request is cancelled, and a stopped lane's request at the latest. */
    private static final long WATCH_EVERY_MILLIS = 50;

    /** A request under way: the lane sending it and the moment it must have been answered by. */
    private record Call(Thread lane, long deadlineNanos) {
    }

    private final CloseableHttpClient http;
    private final Duration timeout;
    private final TargetUrls targets;
    private final Clock clock;
    private final Map<HttpPost, Call> underWay = new ConcurrentHashMap<>();
    private final Thread watchdog;

    Receiver(Duration timeout, TargetUrls targets, Clock clock) {
        this.timeout = timeout;
        this.targets = targets;
        this.clock = clock;
        Timeout bound = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // The lanes bound the connections: one per lane under way. A pool limit could only
                        // make a subscription wait for another's receiver.
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setMaxConnPerRoute(Integer.MAX_VALUE)
                        .setMaxConnTotal(Integer.MAX_VALUE)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(bound)
                                .setSocketTimeout(bound)
                                // Receivers close idle connections: one idle a while is checked before
                                // use, so that its closing is not taken for a failed delivery.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        // Trust stores set by system properties apply, as they did to the JDK's client.
                        .useSystemProperties()
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(bound)
                        .setResponseTimeout(bound)
                        .build())
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("Blackbox")
                .build();
        this.watchdog = new Thread(this::watch, "subscription-deliveries-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    Outcome send(URI url, WebhookSecret secret, String webhookId, String body) throws InterruptedException {
        try {
            targets.checkAddresses(url.getHost());
        } catch (IllegalArgumentException refused) {
            return new Refused("the URL " + refused.getMessage());
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpPost request = new HttpPost(url);
        request.setHeader("webhook-id", webhookId);
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        request.setHeader("webhook-signature", secret.signature(webhookId, timestamp, body));
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), JSON));
        Call call = new Call(Thread.currentThread(), System.nanoTime() + timeout.toNanos());
        underWay.put(request, call);
        try {
            return http.execute(request, response -> {
                int status = response.getCode();
                if (status >= 200 && status < 300) {
                    return new Delivered(status);
                }
                if (status >= 500 || status == 408 || status == 429) {
                    Header retryAfter = response.getFirstHeader("Retry-After");
                    return new Retry("answered " + status,
                            retryAfter == null ? Optional.empty() : retryAfter(retryAfter.getValue()));
                }
                return new Refused("answered " + status);
            });
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped during a delivery");
            }
            if (e instanceof SocketTimeoutException || System.nanoTime() - call.deadlineNanos() >= 0) {
                return new Retry("no answer within " + timeout.toMillis() + " ms", Optional.empty());
            }
            return new Retry("could not deliver: " + e, Optional.empty());
        } finally {
            underWay.remove(request);
        }
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(WATCH_EVERY_MILLIS);
                long now = System.nanoTime();
                underWay.forEach((request, call) -> {
                    if (call.lane().isInterrupted() || now - call.deadlineNanos() >= 0) {
                        request.cancel();
                    }
                });
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        watchdog.interrupt();
        http.close(CloseMode.IMMEDIATE);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; anything else is ignored. */
    private Optional<Duration> retryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
