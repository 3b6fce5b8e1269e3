package dev.blackbox.query.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.plumbing.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Subscriptions: facts delivered to other tools as they are stored, replayable from any moment (admin). */
@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "Subscriptions")
class SubscriptionsController {

    /** What a subscription is made from; everything but the URL may be left out. */
    record CreateSubscription(String url, String secret, SubscriptionFilter filter, SubscriptionFormat format,
            String startAt) {
    }

    /** Where to deliver from again: an instant (ISO-8601) or a store position. */
    record Replay(JsonNode from) {
    }

    private final SubscriptionRepository repository;
    private final SubscriptionTokens tokens;
    private final TargetUrls targets;
    private final SubscriptionMeters meters;
    private final SubscriptionDeliveries deliveries;
    private final Clock clock;

    SubscriptionsController(SubscriptionRepository repository, SubscriptionTokens tokens, TargetUrls targets,
            SubscriptionMeters meters, SubscriptionDeliveries deliveries, ObjectProvider<Clock> clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.targets = targets;
        this.meters = meters;
        this.deliveries = deliveries;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @PostMapping
    @Operation(summary = "Subscribe a URL to the facts a filter admits; the secret is shown in this answer only")
    ResponseEntity<SubscriptionView> create(@RequestBody CreateSubscription request) {
        URI url;
        try {
            url = targets.check(request.url());
        } catch (IllegalArgumentException refused) {
            throw Problems.invalidField("url", refused.getMessage());
        }
        WebhookSecret secret;
        try {
            secret = request.secret() == null ? WebhookSecret.generate() : WebhookSecret.parse(request.secret());
        } catch (IllegalArgumentException refused) {
            throw Problems.invalidField("secret", refused.getMessage());
        }
        TrackingToken start = startAt(request.startAt());
        Instant now = clock.instant();
        SubscriptionRow row = new SubscriptionRow("sub-" + UUID.randomUUID(), url.toString(), secret.text(),
                request.filter() == null ? SubscriptionFilter.everything() : request.filter(),
                request.format() == null ? SubscriptionFormat.BLACKBOX : request.format(), now, null, null, 0, 0,
                null, 0, null, null, null, null, null, null, null);
        SubscriptionRepository.Progress progress = tokens.progress(start, null);
        repository.insert(new SubscriptionRow(row.id(), row.url(), row.secret(), row.filter(), row.format(),
                row.createdAt(), progress.tokenData(), progress.tokenType(), progress.position(), 0, null, 0, null,
                null, null, null, null, null, null));
        deliveries.wake();
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(row.id()).toUri();
        SubscriptionView view = view(repository.find(row.id()).orElseThrow(), secret.text());
        return ResponseEntity.created(location).body(view);
    }

    @GetMapping
    @Operation(summary = "Every subscription and how its deliveries go")
    Map<String, List<SubscriptionView>> list() {
        return Map.of("subscriptions", repository.all().stream().map(row -> view(row, null)).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "A subscription: position, lag, last delivery, last error and parked deliveries")
    SubscriptionView get(@PathVariable String id) {
        return view(found(id), null);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Stop and forget a subscription and its parked deliveries")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!repository.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/replay")
    @Operation(summary = "Deliver again from an instant (ISO-8601, when stored) or a store position (inclusive)")
    ResponseEntity<SubscriptionView> replay(@PathVariable String id, @RequestBody Replay request) {
        found(id);
        repository.restart(id, tokens.progress(from(request.from()), null));
        deliveries.wake();
        return ResponseEntity.accepted().body(view(found(id), null));
    }

    @PostMapping("/{id}/parked/retry")
    @Operation(summary = "Deliver the parked deliveries again, once each; those refused again stay parked")
    ResponseEntity<Map<String, Integer>> retryParked(@PathVariable String id) {
        found(id);
        return ResponseEntity.accepted().body(Map.of("retrying", repository.requestRetryOfParked(id)));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Deliver a paused subscription again, from where it stopped")
    ResponseEntity<SubscriptionView> resume(@PathVariable String id) {
        if (!repository.resume(id)) {
            throw notFound(id);
        }
        deliveries.wake();
        return ResponseEntity.accepted().body(view(found(id), null));
    }

    private TrackingToken startAt(String startAt) {
        if (startAt == null || startAt.equals("now")) {
            return tokens.head();
        }
        if (startAt.equals("beginning")) {
            return tokens.beginning();
        }
        try {
            return tokens.at(Instant.parse(startAt));
        } catch (DateTimeParseException e) {
            throw Problems.invalidField("startAt", "must be now, beginning or an ISO-8601 instant");
        }
    }

    private TrackingToken from(JsonNode from) {
        if (from != null && from.isIntegralNumber() && from.asLong() >= 0) {
            return tokens.before(from.asLong());
        }
        if (from != null && from.isTextual()) {
            try {
                return tokens.at(Instant.parse(from.asText()));
            } catch (DateTimeParseException e) {
                // refused below with the other shapes
            }
        }
        throw Problems.invalidField("from", "must be an ISO-8601 instant or a store position (a number from 0)");
    }

    private SubscriptionRow found(String id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    private static ErrorResponseException notFound(String id) {
        return Problems.refusal(HttpStatus.NOT_FOUND, "Subscription not found", "no subscription " + id);
    }

    private SubscriptionView view(SubscriptionRow row, String secret) {
        long lagEvents = meters.lagEvents(row.position());
        double lagSeconds = meters.lagSeconds(lagEvents, row.caughtUpAt() == null ? row.createdAt() : row.caughtUpAt());
        String state = row.pausedAt() != null ? "paused" : row.failingSince() != null ? "failing" : "active";
        List<SubscriptionView.ParkedView> parked = repository.parked(row.id()).stream()
                .map(p -> new SubscriptionView.ParkedView(p.webhookId(), p.incidentId(), p.sequence(), p.position(),
                        p.reason(), p.parkedAt(), p.retryRequested()))
                .toList();
        return new SubscriptionView(row.id(), row.url(), secret, row.filter(), row.format(), row.createdAt(), state,
                row.position(), lagEvents, lagSeconds, row.deliveredCount(), row.lastDeliveryAt(), row.lastError(),
                row.lastErrorAt(), row.failingSince(), row.pausedAt(), parked);
    }
}
