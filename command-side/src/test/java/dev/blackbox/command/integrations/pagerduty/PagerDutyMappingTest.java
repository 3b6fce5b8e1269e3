package dev.blackbox.command.integrations.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.command.incident.AcknowledgeIncident;
import dev.blackbox.command.incident.AddNote;
import dev.blackbox.command.incident.ChangeSeverity;
import dev.blackbox.command.incident.DetectIssue;
import dev.blackbox.command.incident.Escalate;
import dev.blackbox.command.incident.Reopen;
import dev.blackbox.command.incident.Resolve;
import dev.blackbox.command.integrations.FieldProblem;
import dev.blackbox.events.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How PagerDuty's webhook events (v3) read, and what each records on its incident. */
class PagerDutyMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2020-04-09T16:00:00Z");
    private static final PagerDutyProperties DEFAULTS = new PagerDutyProperties(null, null, null, Severity.SEV3);
    private static final String AGENT = """
            {"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV",
             "self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"}""";
    private static final String P1 = """
            {"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM",
             "self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"}""";

    private final PagerDutyMapping mapping = new PagerDutyMapping(DEFAULTS);

    /** An incident as PagerDuty's v3 webhooks carry it in {@code data}. */
    private static String incident(String priority, String urgency, String assignees) {
        return """
                {"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2",
                 "html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered",
                 "incident_key":"d3640fbd41094207a1c11e58e46b1662","created_at":"2020-04-09T15:16:27Z",
                 "title":"A little bump in the road",
                 "service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH",
                  "self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},
                 "assignees":%s,
                 "escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE",
                  "self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default",
                  "type":"escalation_policy_reference"},
                 "teams":[],"priority":%s,"urgency":"%s","conference_bridge":null,"resolve_reason":null}"""
                .formatted(assignees, priority, urgency);
    }

    private static String incident() {
        return incident(P1, "high", """
                [{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G",
                  "self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}]""");
    }

    private static String note(String content) {
        return """
                {"incident":{"html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","id":"PGR0VU2",
                  "self":"https://api.pagerduty.com/incidents/PGR0VU2","summary":"A little bump in the road",
                  "type":"incident_reference"},
                 "id":"P7CBU6R","content":%s,"trimmed":false,"type":"incident_note"}""".formatted(content);
    }

    private static PagerDutyWebhook webhook(String id, String type, String agent, String data) throws Exception {
        return JSON.readValue("""
                {"event":{"id":"%s","event_type":"%s","resource_type":"incident",
                 "occurred_at":"2020-04-09T15:20:05.169Z","agent":%s,"client":null,"data":%s}}"""
                .formatted(id, type, agent, data), PagerDutyWebhook.class);
    }

    private Object commandOf(String type, String agent, String data) throws Exception {
        PagerDutyWebhook webhook = webhook("01DEN5UTHB7RGBN2G4PHHJ6SDA", type, agent, data);
        assertThat(PagerDutyMapping.problems(webhook, NOW)).isEmpty();
        return mapping.command(webhook.event(), "pagerduty");
    }

    @Test
    void aTriggeredIncidentIsDetectedWithItsTitleServiceAndSeverityAtTheEventsTime() throws Exception {
        DetectIssue detected = (DetectIssue) commandOf("incident.triggered", "null", incident());

        assertThat(detected.incidentId()).isEqualTo("pd-PGR0VU2");
        assertThat(detected.title()).isEqualTo("A little bump in the road");
        assertThat(detected.severity()).isEqualTo(Severity.SEV1);
        assertThat(detected.affectedServices()).containsExactly("API Service");
        assertThat(detected.detectedBy()).isEqualTo("pagerduty");
        assertThat(detected.occurredAt()).isEqualTo(Instant.parse("2020-04-09T15:20:05.169Z"));
        assertThat(detected.description()).contains("#2 on API Service").contains("urgency high")
                .contains("https://acme.pagerduty.com/incidents/PGR0VU2");
    }

    @ParameterizedTest(name = "priority {0}, urgency {1} -> {2}")
    @CsvSource({"P1,high,SEV1", "p2,low,SEV2", "P3,high,SEV3", "P4,high,SEV4", "P5,high,SEV4",
            ",high,SEV2", ",low,SEV3", "Sev-A,low,SEV3", ",,SEV3"})
    void thePriorityGivesTheSeverityElseTheUrgency(String priority, String urgency, Severity expected) throws Exception {
        String data = incident(priority == null ? "null" : "{\"id\":\"PX\",\"summary\":\"" + priority + "\"}",
                urgency == null ? "" : urgency, "[]");

        assertThat(((DetectIssue) commandOf("incident.triggered", "null", data)).severity()).isEqualTo(expected);
    }

    @Test
    void configuredPrioritiesAndUrgenciesAddToTheUsualOnes() throws Exception {
        PagerDutyMapping configured = new PagerDutyMapping(new PagerDutyProperties(List.of(),
                Map.of("Sev-A", Severity.SEV1), Map.of("low", Severity.SEV4), Severity.SEV2));
        PagerDutyWebhook sevA = webhook("e1", "incident.triggered", "null",
                incident("{\"id\":\"PX\",\"summary\":\"SEV-A\"}", "low", "[]"));
        PagerDutyWebhook low = webhook("e2", "incident.triggered", "null", incident("null", "low", "[]"));
        PagerDutyWebhook p2 = webhook("e3", "incident.triggered", "null",
                incident("{\"id\":\"PX\",\"summary\":\"P2\"}", "low", "[]"));

        assertThat(((DetectIssue) configured.command(sevA.event(), "pd")).severity()).isEqualTo(Severity.SEV1);
        assertThat(((DetectIssue) configured.command(low.event(), "pd")).severity()).isEqualTo(Severity.SEV4);
        assertThat(((DetectIssue) configured.command(p2.event(), "pd")).severity()).isEqualTo(Severity.SEV2);
    }

    @Test
    void anAcknowledgementNamesThePersonWhoAcknowledged() throws Exception {
        AcknowledgeIncident acknowledged = (AcknowledgeIncident) commandOf("incident.acknowledged", AGENT, incident());
        AcknowledgeIncident byNobody = (AcknowledgeIncident) commandOf("incident.acknowledged", "null", incident());

        assertThat(acknowledged.incidentId()).isEqualTo("pd-PGR0VU2");
        assertThat(acknowledged.responder()).isEqualTo("Tenex Engineer");
        assertThat(acknowledged.occurredAt()).isEqualTo(Instant.parse("2020-04-09T15:20:05.169Z"));
        assertThat(byNobody.responder()).as("defaults to the sender").isNull();
    }

    @Test
    void anEscalationGoesToTheFirstAssigneeElseTheEscalationPolicy() throws Exception {
        Escalate toAssignee = (Escalate) commandOf("incident.escalated", "null", incident());
        Escalate toPolicy = (Escalate) commandOf("incident.escalated", "null", incident(P1, "high", "[]"));
        Escalate reassigned = (Escalate) commandOf("incident.reassigned", AGENT, incident());

        assertThat(toAssignee.escalationTarget()).isEqualTo("User 123");
        assertThat(toAssignee.reason()).contains("Escalated in PagerDuty").contains("escalation policy Default");
        assertThat(toPolicy.escalationTarget()).isEqualTo("Default");
        assertThat(reassigned.escalationTarget()).isEqualTo("User 123");
        assertThat(reassigned.reason()).isEqualTo("Reassigned in PagerDuty by Tenex Engineer");
    }

    @Test
    void aNoteIsRecordedOnTheIncidentItNamesOncePerEvent() throws Exception {
        PagerDutyWebhook first = webhook("EV1", "incident.annotated", AGENT, note("\"Rolled back deploy 42\""));
        PagerDutyWebhook again = webhook("EV1", "incident.annotated", AGENT, note("\"Rolled back deploy 42\""));
        PagerDutyWebhook other = webhook("EV2", "incident.annotated", AGENT, note("\"Rolled back deploy 42\""));

        AddNote note = (AddNote) mapping.command(first.event(), "pagerduty");

        assertThat(note.incidentId()).isEqualTo("pd-PGR0VU2");
        assertThat(note.text()).isEqualTo("Tenex Engineer in PagerDuty: Rolled back deploy 42");
        assertThat(((AddNote) mapping.command(again.event(), "pagerduty")).noteId()).isEqualTo(note.noteId());
        assertThat(((AddNote) mapping.command(other.event(), "pagerduty")).noteId()).isNotEqualTo(note.noteId());
    }

    @Test
    void aPriorityChangeChangesTheSeverityResolutionAndReopeningFollow() throws Exception {
        ChangeSeverity changed = (ChangeSeverity) commandOf("incident.priority_updated", AGENT,
                incident("{\"id\":\"PX\",\"summary\":\"P2\"}", "high", "[]"));
        ChangeSeverity removed = (ChangeSeverity) commandOf("incident.priority_updated", "null",
                incident("null", "low", "[]"));
        Resolve resolved = (Resolve) commandOf("incident.resolved", AGENT, incident());
        Reopen reopened = (Reopen) commandOf("incident.reopened", AGENT, incident());

        assertThat(changed.severity()).isEqualTo(Severity.SEV2);
        assertThat(changed.reason()).isEqualTo("Priority set to P2 in PagerDuty by Tenex Engineer");
        assertThat(removed.severity()).isEqualTo(Severity.SEV3);
        assertThat(removed.reason()).isEqualTo("Priority removed in PagerDuty");
        assertThat(resolved.resolution()).isEqualTo("Resolved in PagerDuty by Tenex Engineer");
        assertThat(reopened.reason()).isEqualTo("Reopened in PagerDuty by Tenex Engineer");
    }

    @Test
    void anIncidentNotYetTriggeredIsOpenedFromALaterEventAtItsCreation() throws Exception {
        PagerDutyWebhook acknowledged = webhook("EV3", "incident.acknowledged", AGENT, incident());
        PagerDutyWebhook annotated = webhook("EV4", "incident.annotated", AGENT, note("\"Looking\""));

        DetectIssue fromIncident = mapping.detectionFromLaterEvent(acknowledged.event(), "pagerduty");
        DetectIssue fromNote = mapping.detectionFromLaterEvent(annotated.event(), "pagerduty");

        assertThat(fromIncident.occurredAt()).isEqualTo(Instant.parse("2020-04-09T15:16:27Z"));
        assertThat(fromIncident.severity()).isEqualTo(Severity.SEV1);
        assertThat(fromIncident.affectedServices()).containsExactly("API Service");
        assertThat(fromIncident.description()).contains("Opened from PagerDuty's incident.acknowledged event");
        assertThat(fromNote.incidentId()).isEqualTo("pd-PGR0VU2");
        assertThat(fromNote.title()).isEqualTo("A little bump in the road");
        assertThat(fromNote.severity()).isEqualTo(Severity.SEV3);
        assertThat(fromNote.occurredAt()).isEqualTo(Instant.parse("2020-04-09T15:20:05.169Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no event | {} | event",
            "no event id | {\"event\":{\"event_type\":\"incident.resolved\",\"occurred_at\":\"2020-04-09T15:20:05Z\",\"data\":{\"id\":\"PGR0VU2\"}}} | event.id",
            "occurred_at not a time | {\"event\":{\"id\":\"e\",\"event_type\":\"incident.resolved\",\"occurred_at\":\"yesterday\",\"data\":{\"id\":\"PGR0VU2\"}}} | event.occurred_at",
            "no data | {\"event\":{\"id\":\"e\",\"event_type\":\"incident.resolved\",\"occurred_at\":\"2020-04-09T15:20:05Z\"}} | event.data",
            "incident id not PagerDuty's | {\"event\":{\"id\":\"e\",\"event_type\":\"incident.resolved\",\"occurred_at\":\"2020-04-09T15:20:05Z\",\"data\":{\"id\":\"../PGR0VU2\"}}} | event.data.id",
            "note without content | {\"event\":{\"id\":\"e\",\"event_type\":\"incident.annotated\",\"occurred_at\":\"2020-04-09T15:20:05Z\",\"data\":{\"incident\":{\"id\":\"PGR0VU2\"}}}} | event.data.content",
            "occurred_at too far ahead | {\"event\":{\"id\":\"e\",\"event_type\":\"incident.acknowledged\",\"occurred_at\":\"2020-04-09T16:05:01Z\",\"data\":{\"id\":\"PGR0VU2\"}}} | event.occurred_at",
            "escalated to nobody | {\"event\":{\"id\":\"e\",\"event_type\":\"incident.escalated\",\"occurred_at\":\"2020-04-09T15:20:05Z\",\"data\":{\"id\":\"PGR0VU2\",\"assignees\":[]}}} | event.data.assignees"})
    void anEventMissingWhatItsRecordNeedsNamesTheField(String what, String body, String field) throws Exception {
        List<FieldProblem> problems = PagerDutyMapping.problems(JSON.readValue(body, PagerDutyWebhook.class), NOW);

        assertThat(problems).extracting(FieldProblem::field).containsExactly(field);
    }

    @Test
    void anEventOfATypeBlackboxLeavesOutNeedsNoIncident() throws Exception {
        PagerDutyWebhook ping = JSON.readValue("""
                {"event":{"id":"01DEN5UTHB7RGBN2G4PHHJ6SDB","event_type":"pagey.ping","resource_type":"pagey",
                 "occurred_at":"2021-12-08T22:43:58.525Z","agent":null,"client":null,"data":{"message":"Hello from your friend Pagey!","type":"ping"}}}""",
                PagerDutyWebhook.class);

        assertThat(PagerDutyMapping.problems(ping, NOW)).isEmpty();
        assertThat(PagerDutyMapping.recorded(ping.event())).isFalse();
    }
}
