package dev.blackbox.command.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.command.incident.RecordAlerts;
import dev.blackbox.command.incident.RecordAlerts.WhenAllResolved;
import dev.blackbox.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How Alertmanager's webhook notifications read, and what their incident is told. */
class AlertMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertMappingSettings DEFAULTS = new AlertMappingSettings(null, Severity.SEV3, "severity",
            List.of("service", "job"), WhenAllResolved.MITIGATE, Duration.ofHours(1));

    private static final AlertSource ALERTMANAGER = new AlertSource("alertmanager", "Alertmanager",
            "/api/v1/integrations/alertmanager", "4");

    private final AlertMapping mapping = new AlertMapping(DEFAULTS, ALERTMANAGER);

    private static AlertNotification notification(String commonAnnotations, String... alerts) throws Exception {
        return JSON.readValue("""
                {"version":"4","status":"firing","receiver":"team-checkout",
                 "groupKey":"{}:{alertname=\\"HighErrorRate\\"}","groupLabels":{"alertname":"HighErrorRate"},
                 "commonLabels":{},"commonAnnotations":%s,"externalURL":"http://alertmanager.example:9093",
                 "truncatedAlerts":0,"alerts":[%s]}""".formatted(commonAnnotations, String.join(",", alerts)),
                AlertNotification.class);
    }

    private static String alert(String status, String labels, String annotations, String startsAt, String endsAt) {
        return """
                {"status":"%s","labels":%s,"annotations":%s,"startsAt":"%s","endsAt":"%s",
                 "generatorURL":"http://prometheus.example:9090/graph?g0.expr=up","fingerprint":"%08x"}"""
                .formatted(status, labels, annotations, startsAt, endsAt, (labels + startsAt).hashCode());
    }

    private static String firing(String labels, String annotations) {
        return alert("firing", labels, annotations, "2026-03-02T08:00:00.123+01:00", "0001-01-01T00:00:00Z");
    }

    private RecordAlerts.Detection detectionOf(AlertNotification notification) {
        return mapping.command(notification, "am-token", 0).detection();
    }

    @ParameterizedTest(name = "severity={0} -> {1}")
    @CsvSource({"critical,SEV1", "CRITICAL,SEV1", "major,SEV2", "high,SEV2", "error,SEV2", "warning,SEV3",
            "minor,SEV3", "info,SEV4", "low,SEV4", "page-me,SEV3"})
    void theSeverityLabelGivesTheSeverity(String label, Severity expected) throws Exception {
        AlertNotification notification = notification("{}",
                firing("{\"alertname\":\"A\",\"severity\":\"" + label + "\"}", "{}"));

        assertThat(detectionOf(notification).severity()).isEqualTo(expected);
    }

    @Test
    void theWorstFiringAlertGivesTheSeverityAndAlertsWithoutTheLabelTheDefault() throws Exception {
        AlertNotification mixed = notification("{}",
                firing("{\"alertname\":\"A\",\"severity\":\"warning\"}", "{}"),
                firing("{\"alertname\":\"B\",\"severity\":\"major\"}", "{}"),
                alert("resolved", "{\"alertname\":\"C\",\"severity\":\"critical\"}", "{}",
                        "2026-03-02T06:00:00Z", "2026-03-02T06:30:00Z"));
        AlertNotification unlabelled = notification("{}", firing("{\"alertname\":\"A\"}", "{}"));

        assertThat(detectionOf(mixed).severity()).isEqualTo(Severity.SEV2);
        assertThat(detectionOf(unlabelled).severity()).isEqualTo(Severity.SEV3);
    }

    @Test
    void configuredSeveritiesAddToAndOverrideTheUsualWords() throws Exception {
        AlertMapping custom = new AlertMapping(new AlertMappingSettings(Map.of("Page", Severity.SEV1,
                "warning", Severity.SEV2), Severity.SEV4, "priority", List.of("service"), WhenAllResolved.MITIGATE,
                Duration.ofHours(1)), ALERTMANAGER);

        assertThat(custom.command(notification("{}", firing("{\"priority\":\"page\"}", "{}")), "t", 0)
                .detection().severity()).isEqualTo(Severity.SEV1);
        assertThat(custom.command(notification("{}", firing("{\"priority\":\"warning\"}", "{}")), "t", 0)
                .detection().severity()).isEqualTo(Severity.SEV2);
        assertThat(custom.command(notification("{}", firing("{\"priority\":\"critical\"}", "{}")), "t", 0)
                .detection().severity()).isEqualTo(Severity.SEV1);
        assertThat(custom.command(notification("{}", firing("{\"severity\":\"critical\"}", "{}")), "t", 0)
                .detection().severity()).isEqualTo(Severity.SEV4);
    }

    @Test
    void theTitleIsTheSummaryElseTheAlertName() throws Exception {
        assertThat(detectionOf(notification("{\"summary\":\"Checkout fails\"}",
                firing("{\"alertname\":\"HighErrorRate\"}", "{\"summary\":\"one alert's summary\"}"))).title())
                .isEqualTo("Checkout fails");
        assertThat(detectionOf(notification("{}",
                firing("{\"alertname\":\"HighErrorRate\"}", "{\"summary\":\"5xx on checkout\"}"))).title())
                .isEqualTo("5xx on checkout");
        assertThat(detectionOf(notification("{}", firing("{\"alertname\":\"HighErrorRate\"}", "{}"))).title())
                .isEqualTo("HighErrorRate");
        assertThat(detectionOf(notification("{}", firing("{}", "{}"))).title())
                .isEqualTo("Alerts of Alertmanager receiver team-checkout");
    }

    @Test
    void theDescriptionKeepsTheAlertsDescriptionAndWhereToLook() throws Exception {
        RecordAlerts command = mapping.command(notification("{}", firing("{\"alertname\":\"HighErrorRate\"}",
                "{\"description\":\"5% of requests fail\"}")), "am-token", 0);

        assertThat(command.detection().description())
                .startsWith("5% of requests fail\n\n")
                .contains("Alert group {alertname=HighErrorRate} of Alertmanager receiver team-checkout, 1 firing")
                .contains("Alertmanager: http://alertmanager.example:9093");
        assertThat(command.detection().detectedBy()).isEqualTo("alertmanager/team-checkout");
        assertThat(command.alerts().get(0).firingText())
                .contains("HighErrorRate firing since 2026-03-02T07:00:00.123Z")
                .contains("Source: http://prometheus.example:9090/graph?g0.expr=up");
    }

    @Test
    void servicesComeFromTheServiceLabelElseTheJob() throws Exception {
        RecordAlerts command = mapping.command(notification("{}",
                firing("{\"alertname\":\"A\",\"service\":\"checkout\",\"job\":\"checkout-api\"}", "{}"),
                firing("{\"alertname\":\"B\",\"job\":\"payments-api\"}", "{}"),
                firing("{\"alertname\":\"C\"}", "{}")), "am-token", 0);

        assertThat(command.detection().affectedServices()).containsExactly("checkout", "payments-api");
        assertThat(command.alerts()).extracting(RecordAlerts.Alert::services)
                .containsExactly(List.of("checkout"), List.of("payments-api"), List.of());
    }

    @Test
    void eachAlertKeepsItsLabelsWithoutEmptyOnesAndWithinBounds() throws Exception {
        StringBuilder many = new StringBuilder("{\"alertname\":\"A\",\"blank\":\"\",\"a-long\":\"" + "x".repeat(300) + "\"");
        for (int i = 0; i < 80; i++) {
            many.append(",\"l").append(String.format("%02d", i)).append("\":\"v\"");
        }
        RecordAlerts command = mapping.command(notification("{}",
                firing("{\"alertname\":\"HighErrorRate\",\"cluster\":\"eu-1\"}", "{}"),
                firing(many + "}", "{}")), "am-token", 0);

        assertThat(command.alerts().get(0).labels())
                .isEqualTo(Map.of("alertname", "HighErrorRate", "cluster", "eu-1"));
        Map<String, String> bounded = command.alerts().get(1).labels();
        assertThat(bounded).hasSize(50).containsEntry("alertname", "A").doesNotContainKey("blank");
        assertThat(bounded.get("a-long")).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void timesAreTheSendersAndAResolvedAlertKeepsItsEnd() throws Exception {
        RecordAlerts command = mapping.command(notification("{}", alert("resolved", "{\"alertname\":\"A\"}", "{}",
                "2026-03-02T06:00:00Z", "2026-03-02T06:30:00.5Z")), "am-token", 0);

        RecordAlerts.Alert alert = command.alerts().get(0);
        assertThat(alert.firing()).isFalse();
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-03-02T06:00:00Z"));
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-03-02T06:30:00.5Z"));
        assertThat(alert.resolvedText()).isEqualTo("Alert A resolved at 2026-03-02T06:30:00.500Z (firing since 2026-03-02T06:00:00Z)");
    }

    @Test
    void aGroupAlwaysGetsTheSameIncidentAndEachGenerationAnotherOne() throws Exception {
        AlertNotification notification = notification("{}", firing("{\"alertname\":\"A\"}", "{}"));
        RecordAlerts first = mapping.command(notification, "am-token", 0);
        RecordAlerts again = mapping.command(notification, "other-token", 0);
        RecordAlerts next = mapping.command(notification, "am-token", 1);

        assertThat(again.incidentId()).isEqualTo(first.incidentId()).startsWith("alertmanager-");
        assertThat(first.nextIncidentId()).isEqualTo(next.incidentId()).isNotEqualTo(first.incidentId());
        assertThat(mapping.incidentId("team-payments", notification.groupKey(), 0)).isNotEqualTo(first.incidentId());
        assertThat(mapping.incidentId("team-checkout", "{}:{alertname=\"Other\"}", 0)).isNotEqualTo(first.incidentId());
        assertThat(first.alerts().get(0).key()).matches("[0-9a-f]{24}")
                .isEqualTo(again.alerts().get(0).key());
    }

    @Test
    void aNotificationThatBreaksTheFormatSaysWhere() throws Exception {
        AlertNotification broken = JSON.readValue("""
                {"version":"3","status":"exploded","receiver":" ","groupKey":"g",
                 "alerts":[{"status":"resolved","labels":{},"startsAt":"yesterday","fingerprint":""}],
                 "somethingNew":{"ignored":true}}""", AlertNotification.class);
        AlertNotification empty = JSON.readValue("""
                {"version":"4","status":"firing","receiver":"r","groupKey":"g","alerts":[]}""", AlertNotification.class);

        assertThat(broken.problems(ALERTMANAGER)).extracting(FieldProblem::field)
                .containsExactly("version", "status", "receiver", "alerts[0].fingerprint", "alerts[0].startsAt",
                        "alerts[0].endsAt");
        assertThat(empty.problems(ALERTMANAGER)).extracting(FieldProblem::field).containsExactly("alerts");
        assertThat(notification("{}", firing("{}", "{}")).problems(ALERTMANAGER)).isEmpty();
    }
}
