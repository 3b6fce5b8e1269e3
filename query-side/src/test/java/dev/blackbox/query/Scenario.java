package dev.blackbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.CorrectiveActionCompleted;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.Severity;
import dev.blackbox.events.SeverityChanged;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario file (from the repository's {@code scenarios} folder, on the test classpath) turned into
 * the events the command side would store for its steps.
 */
public record Scenario(
        String name,
        String incidentId,
        List<IncidentEvent> events,
        String expectedStatus,
        Map<String, Long> expectedMetrics,
        List<String> postmortemMentions) {

    public static final List<String> NAMES = List.of(
            "load-balancer-misconfiguration", "connection-leak", "certificate-expiry", "dns-change");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_SENDER = "scenario-bot";

    public static Scenario load(String name) {
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No scenario " + name);
            }
            JsonNode root = JSON.readTree(in);
            String incidentId = root.get("incidentId").asText();
            List<IncidentEvent> events = new ArrayList<>();
            Severity[] severity = new Severity[1];
            for (JsonNode step : root.get("steps")) {
                events.add(event(incidentId, step.get("command").asText(), step.get("body"), severity));
            }
            JsonNode expect = root.get("expect");
            Map<String, Long> metrics = new LinkedHashMap<>();
            expect.get("metrics").properties().forEach(e -> metrics.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().asLong()));
            List<String> mentions = new ArrayList<>();
            expect.get("postmortemMentions").forEach(m -> mentions.add(m.asText()));
            return new Scenario(name, incidentId, events, expect.get("status").asText(), metrics, mentions);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read scenario " + name, e);
        }
    }

    private static IncidentEvent event(String id, String command, JsonNode b, Severity[] severity) {
        Instant at = instant(b, "occurredAt");
        String by = text(b, "by") == null ? DEFAULT_SENDER : text(b, "by");
        return switch (command) {
            case "DetectIssue" -> {
                severity[0] = Severity.valueOf(text(b, "severity"));
                yield new IssueDetected(id, at, by, text(b, "title"), text(b, "description"), severity[0],
                        text(b, "detectedBy"), instant(b, "impactStartedAt"), strings(b, "affectedServices"),
                        b.hasNonNull("userImpactPercent") ? b.get("userImpactPercent").asInt() : null,
                        b.path("drill").asBoolean(false));
            }
            case "AcknowledgeIncident" -> new IncidentAcknowledged(id, at, by,
                    text(b, "responder") == null ? by : text(b, "responder"));
            case "Escalate" -> new IncidentEscalated(id, at, by, text(b, "escalationTarget"), text(b, "reason"));
            case "RecordHypothesis" -> new HypothesisRecorded(id, at, by, text(b, "hypothesisId"),
                    text(b, "statement"), text(b, "suspectedComponent"));
            case "RuleOutHypothesis" -> new HypothesisRuledOut(id, at, by, text(b, "hypothesisId"), text(b, "evidence"));
            case "ConfirmHypothesis" -> new HypothesisConfirmed(id, at, by, text(b, "hypothesisId"), text(b, "evidence"));
            case "RecordAction" -> new ActionTaken(id, at, by, text(b, "actionId"), text(b, "description"),
                    ActionOutcome.valueOf(text(b, "outcome")), text(b, "hypothesisId"));
            case "AssessImpact" -> new ImpactAssessed(id, at, by,
                    b.hasNonNull("userImpactPercent") ? b.get("userImpactPercent").asInt() : null,
                    strings(b, "affectedServices"), text(b, "description"));
            case "ChangeSeverity" -> {
                Severity previous = severity[0];
                severity[0] = Severity.valueOf(text(b, "severity"));
                yield new SeverityChanged(id, at, by, previous, severity[0], text(b, "reason"));
            }
            case "IdentifyRootCause" -> new RootCauseIdentified(id, at, by, text(b, "summary"),
                    RootCauseCategory.valueOf(text(b, "category")), text(b, "hypothesisId"));
            case "Mitigate" -> new IncidentMitigated(id, at, by, text(b, "description"));
            case "Resolve" -> new IncidentResolved(id, at, by, text(b, "resolution"));
            case "Reopen" -> new IncidentReopened(id, at, by, text(b, "reason"));
            case "AddCorrectiveAction" -> new CorrectiveActionAdded(id, at, by, text(b, "correctiveActionId"),
                    text(b, "description"), CorrectiveActionKind.valueOf(text(b, "kind")), text(b, "owner"),
                    instant(b, "dueAt"));
            case "CompleteCorrectiveAction" -> new CorrectiveActionCompleted(id, at, by, text(b, "correctiveActionId"));
            case "AddNote" -> new NoteAdded(id, at, by, text(b, "noteId"), text(b, "text"));
            case "WriteConclusion" -> new ConclusionWritten(id, at, by, text(b, "text"));
            default -> throw new IllegalArgumentException("Unknown command " + command);
        };
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static Instant instant(JsonNode body, String field) {
        return body.hasNonNull(field) ? Instant.parse(body.get(field).asText()) : null;
    }

    private static List<String> strings(JsonNode body, String field) {
        List<String> values = new ArrayList<>();
        body.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
