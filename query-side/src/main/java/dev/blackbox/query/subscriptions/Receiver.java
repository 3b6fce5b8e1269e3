package dev.blackbox.query.subscriptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Sends one signed delivery and says what became of it. Redirects are not followed: a receiver
 * could otherwise send Blackbox on to an address the subscription's checks refused.
 */
final class Receiver {

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

    private final HttpClient http;
    private final Duration timeout;
    private final TargetUrls targets;
    private final Clock clock;

    Receiver(HttpClient http, Duration timeout, TargetUrls targets, Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.targets = targets;
        this.clock = clock;
    }

    Outcome send(URI url, WebhookSecret secret, String webhookId, String body) throws InterruptedException {
        try {
            targets.checkAddresses(url.getHost());
        } catch (IllegalArgumentException refused) {
            return new Refused("the URL " + refused.getMessage());
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Blackbox")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", secret.signature(webhookId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            return new Retry("no answer within " + timeout.toMillis() + " ms", Optional.empty());
        } catch (IOException e) {
            return new Retry("could not deliver: " + e, Optional.empty());
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Delivered(status);
        }
        if (status >= 500 || status == 408 || status == 429) {
            return new Retry("answered " + status, response.headers().firstValue("Retry-After").flatMap(this::retryAfter));
        }
        return new Refused("answered " + status);
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
