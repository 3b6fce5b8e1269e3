package dev.blackbox.command.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.command.incident.RecordAlerts;
import dev.blackbox.command.incident.Rule;
import dev.blackbox.command.incident.RuleViolation;
import dev.blackbox.command.web.IncidentCommandSender;
import dev.blackbox.plumbing.positions.EventPositions;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Records an alert router's notification on the incident of its group, and notes how each delivery
 * went. Every integration that speaks Alertmanager's webhook format (Alertmanager itself, Grafana)
 * comes through here.
 */
@Component
public class AlertReceiver {

    /**
     * The answer to a delivery: the incident that holds the group, or none when nothing fires and no
     * incident holds it. A delivery sent again gets the same answer.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivered(String incidentId, String detail) {
    }

    private final IncidentCommandSender sender;
    private final ObjectMapper objectMapper;
    private final IntegrationDeliveries deliveries;

    AlertReceiver(IncidentCommandSender sender, ObjectMapper objectMapper, IntegrationDeliveries deliveries) {
        this.sender = sender;
        this.objectMapper = objectMapper;
        this.deliveries = deliveries;
    }

    /** Lists {@code source} among the integrations from the start, before its first delivery. */
    public void register(AlertSource source) {
        deliveries.register(source.name(), source.path());
    }

    /**
     * Reads {@code body} as a webhook notification of {@code source} and records it.
     *
     * @param by the name of the token that delivered it
     */
    public ResponseEntity<Delivered> receive(AlertSource source, byte[] body, AlertMappingSettings settings,
            String by) {
        String receiver = null;
        try {
            AlertNotification notification = WebhookBodies.read(objectMapper, body, AlertNotification.class,
                    "a webhook notification");
            List<FieldProblem> problems = notification.problems(source);
            if (problems.stream().noneMatch(problem -> problem.field().equals("receiver"))) {
                receiver = notification.receiver();
            }
            if (!problems.isEmpty()) {
                throw WebhookBodies.invalid(problems);
            }
            ResponseEntity<Delivered> answer = record(notification, new AlertMapping(settings, source), by);
            deliveries.delivered(source.name(), receiver);
            return answer;
        } catch (RuntimeException failure) {
            deliveries.failed(source.name(), receiver, failure);
            throw failure;
        }
    }

    /** Notes a delivery of {@code source} refused as {@code refusal} says, and gives the refusal back to throw. */
    public ErrorResponseException refused(AlertSource source, String receiver, ErrorResponseException refusal) {
        deliveries.failed(source.name(), receiver, refusal);
        return refusal;
    }

    /**
     * Sends the notification to the group's first incident, and on to each later one while the
     * incident asked says the group has moved on: each step is one incident, whole or not at all.
     */
    private ResponseEntity<Delivered> record(AlertNotification notification, AlertMapping mapping, String by) {
        for (int generation = 0; ; generation++) {
            RecordAlerts command = mapping.command(notification, by, generation);
            IncidentCommandSender.Sent sent;
            try {
                sent = sender.sendForAnswer(command, command.incidentId(), null);
            } catch (RuleViolation violation) {
                if (violation.rule() == Rule.NO_FIRING_ALERTS) {
                    return ResponseEntity.ok(new Delivered(null,
                            "no alert of the group is firing and no incident holds it; nothing was recorded"));
                }
                throw violation;
            }
            if (sent.answer() != RecordAlerts.Outcome.NEXT_INCIDENT) {
                return ResponseEntity.accepted()
                        .location(ServletUriComponentsBuilder.fromCurrentContextPath()
                                .path("/api/v1/incidents/{id}").buildAndExpand(command.incidentId()).toUri())
                        .header(EventPositions.HEADER, Long.toString(sent.position()))
                        .body(new Delivered(command.incidentId(), null));
            }
        }
    }
}
