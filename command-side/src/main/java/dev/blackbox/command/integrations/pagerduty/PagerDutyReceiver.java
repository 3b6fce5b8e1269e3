package dev.blackbox.command.integrations.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.command.incident.DetectIssue;
import dev.blackbox.command.incident.IncidentCommand;
import dev.blackbox.command.incident.Rule;
import dev.blackbox.command.incident.RuleViolation;
import dev.blackbox.command.integrations.AlertReceiver.Delivered;
import dev.blackbox.command.integrations.FieldProblem;
import dev.blackbox.command.integrations.IntegrationDeliveries;
import dev.blackbox.command.integrations.Texts;
import dev.blackbox.command.integrations.WebhookBodies;
import dev.blackbox.command.web.IncidentCommandSender;
import dev.blackbox.plumbing.positions.EventPositions;
import dev.blackbox.plumbing.web.Problems;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Checks who sent a PagerDuty webhook, records its event on the event's incident, and notes how each
 * delivery went for {@code GET /api/v1/integrations}.
 */
@Component
class PagerDutyReceiver {

    static final String SOURCE = "pagerduty";
    static final String PATH = "/api/v1/integrations/pagerduty";

    private final IncidentCommandSender sender;
    private final ObjectMapper objectMapper;
    private final IntegrationDeliveries deliveries;
    private final PagerDutyProperties properties;
    private final PagerDutyMapping mapping;

    PagerDutyReceiver(IncidentCommandSender sender, ObjectMapper objectMapper, IntegrationDeliveries deliveries,
            PagerDutyProperties properties) {
        this.sender = sender;
        this.objectMapper = objectMapper;
        this.deliveries = deliveries;
        this.properties = properties;
        this.mapping = new PagerDutyMapping(properties);
        deliveries.register(SOURCE, PATH);
    }

    /**
     * Records the event {@code body} holds.
     *
     * @param signature the {@code X-PagerDuty-Signature} header, or null
     * @param principal the token that delivered it; none when the security rules let signed deliveries in
     */
    ResponseEntity<Delivered> receive(byte[] body, String signature, Principal principal) {
        String account = null;
        try {
            String by = sender(body, signature, principal);
            PagerDutyWebhook webhook = WebhookBodies.read(objectMapper, body, PagerDutyWebhook.class,
                    "a PagerDuty webhook");
            List<FieldProblem> problems = PagerDutyMapping.problems(webhook, Instant.now());
            if (!problems.isEmpty()) {
                throw WebhookBodies.invalid(problems);
            }
            account = account(webhook.event());
            ResponseEntity<Delivered> answer = record(webhook.event(), by);
            deliveries.delivered(SOURCE, account);
            return answer;
        } catch (RuntimeException failure) {
            deliveries.failed(SOURCE, account, failure);
            throw failure;
        }
    }

    /**
     * Who the events are recorded by: PagerDuty when a signing secret is configured (then the signature
     * must verify), else the token, which the security rules already required.
     */
    private String sender(byte[] body, String signature, Principal principal) {
        if (properties.signingSecrets().isEmpty()) {
            if (principal == null) {
                throw Problems.refusal(HttpStatus.UNAUTHORIZED, "Unauthorized",
                        "a bearer token is required: no PagerDuty signing secret is configured");
            }
            return principal.getName();
        }
        if (!PagerDutySignature.verifies(body, signature, properties.signingSecrets())) {
            throw Problems.refusal(HttpStatus.UNAUTHORIZED, "Unauthorized", signature == null
                    ? "the " + PagerDutySignature.HEADER + " header is missing; nothing was recorded"
                    : "no " + PagerDutySignature.HEADER + " signature matches the body with a configured"
                            + " signing secret; nothing was recorded");
        }
        return PagerDutyMapping.DETECTED_BY;
    }

    private ResponseEntity<Delivered> record(PagerDutyWebhook.Event event, String by) {
        if (!PagerDutyMapping.recorded(event)) {
            return ResponseEntity.accepted().body(new Delivered(null,
                    "event type " + Texts.cut(event.eventType(), Texts.SHORT)
                            + " is not one Blackbox records; it was ignored and nothing was recorded"));
        }
        String incidentId = PagerDutyMapping.incidentId(event);
        IncidentCommand command = mapping.command(event, by);
        IncidentCommandSender.Sent sent;
        try {
            sent = send(command, PagerDutyMapping.idempotencyKey(event));
        } catch (AggregateNotFoundException notYetTriggered) {
            openFromLaterEvent(mapping.detectionFromLaterEvent(event, by));
            try {
                sent = send(command, PagerDutyMapping.idempotencyKey(event));
            } catch (RuleViolation violation) {
                return nothingNew(incidentId, violation);
            }
        } catch (RuleViolation violation) {
            return nothingNew(incidentId, violation);
        }
        return ResponseEntity.accepted().location(location(incidentId))
                .header(EventPositions.HEADER, Long.toString(sent.position()))
                .body(new Delivered(incidentId, null));
    }

    private IncidentCommandSender.Sent send(IncidentCommand command, String idempotencyKey) {
        return sender.sendForAnswer(command, command.incidentId(), idempotencyKey);
    }

    /** Opens the incident; when a concurrent delivery opened it first, that one stands. */
    private void openFromLaterEvent(DetectIssue detection) {
        try {
            send(detection, null);
        } catch (RuleViolation violation) {
            if (violation.rule() != Rule.INCIDENT_ALREADY_EXISTS) {
                throw violation;
            }
        }
    }

    /**
     * A refusal that only says the incident already shows what the event says: its detection (the
     * incident was opened from an event PagerDuty delivered earlier) or its severity. Others are refusals.
     */
    private ResponseEntity<Delivered> nothingNew(String incidentId, RuleViolation violation) {
        String detail = switch (violation.rule()) {
            case INCIDENT_ALREADY_EXISTS -> "incident " + incidentId
                    + " was already opened by an earlier PagerDuty event; nothing was recorded";
            case SEVERITY_UNCHANGED -> violation.getMessage() + "; nothing was recorded";
            default -> throw violation;
        };
        return ResponseEntity.accepted().location(location(incidentId)).body(new Delivered(incidentId, detail));
    }

    private static URI location(String incidentId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/incidents/{id}")
                .buildAndExpand(incidentId).toUri();
    }

    /** The PagerDuty account (the host of the incident's page) that deliveries are listed under. */
    private static String account(PagerDutyWebhook.Event event) {
        if (PagerDutyMapping.recorded(event)) {
            PagerDutyWebhook.Data data = event.data();
            String url = PagerDutyMapping.ANNOTATED.equals(event.eventType()) ? data.incident().htmlUrl()
                    : data.htmlUrl();
            try {
                String host = url == null ? null : new URI(url).getHost();
                if (host != null) {
                    return Texts.cut(host, Texts.SHORT);
                }
            } catch (URISyntaxException notAUrl) {
                // listed under PagerDuty's name like events that name no incident
            }
        }
        return SOURCE;
    }
}
