package dev.blackbox.query.incident;

import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static dev.blackbox.events.Severity.SEV1;
import static dev.blackbox.events.Severity.SEV2;
import static dev.blackbox.events.Severity.SEV3;
import static dev.blackbox.query.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentSummaryProjectionTest {

    private final ReadSide readSide = new ReadSide(Clock.systemUTC());
    private final Events inc = new Events("inc-1");

    private IncidentView incident(String id) {
        return readSide.find(new FindIncident(id), IncidentView.class).orElseThrow();
    }

    private IncidentListView search(FindIncidents query) {
        return readSide.ask(query, IncidentListView.class);
    }

    @Test
    void detectionOpensTheIncidentWithImpactStartingAtDetectionWhenUnknown() {
        readSide.publish(inc.detected("15:00", SEV2, "web", "db"));

        IncidentView incident = incident("inc-1");
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.severity()).isEqualTo(SEV2);
        assertThat(incident.impactStartedAt()).isEqualTo(at("15:00"));
        assertThat(incident.affectedServices()).containsExactly("web", "db");
        assertThat(incident.acknowledgedAt()).isNull();
        assertThat(incident.resolvedAt()).isNull();
    }

    @Test
    void statusFollowsMitigationResolutionReopeningAndTheFinalResolution() {
        readSide.publish(inc.detected("15:00", SEV2), inc.mitigated("15:30"));
        assertThat(incident("inc-1").status()).isEqualTo(IncidentStatus.MITIGATED);

        readSide.publish(inc.resolved("16:00"));
        assertThat(incident("inc-1").status()).isEqualTo(IncidentStatus.RESOLVED);

        readSide.publish(inc.reopened("17:00"));
        IncidentView reopened = incident("inc-1");
        assertThat(reopened.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.reopenCount()).isEqualTo(1);

        readSide.publish(inc.resolved("18:00"));
        IncidentView resolved = incident("inc-1");
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(at("18:00"));
        assertThat(resolved.resolution()).isEqualTo("resolved at 18:00");
        assertThat(resolved.mitigatedAt()).isEqualTo(at("15:30"));
    }

    @Test
    void aBackFilledAcknowledgementThatHappenedEarlierIsTheFirstOne() {
        readSide.publish(inc.detected("15:00", SEV2), inc.acknowledged("15:20", "late-responder"),
                inc.acknowledged("15:05", "first-responder"));

        IncidentView incident = incident("inc-1");
        assertThat(incident.acknowledgedAt()).isEqualTo(at("15:05"));
        assertThat(incident.acknowledgedBy()).isEqualTo("first-responder");
    }

    @Test
    void aBackFilledSeverityChangeDoesNotOverrideALaterOne() {
        readSide.publish(inc.detected("15:00", SEV3), inc.severity("16:00", SEV3, SEV1),
                inc.severity("15:30", SEV3, SEV2));

        assertThat(incident("inc-1").severity()).isEqualTo(SEV1);
    }

    @Test
    void theLatestImpactAssessmentAndRootCauseAreShownWithTheCounts() {
        readSide.publish(inc.detected("15:00", SEV2, "web"),
                inc.impact("15:40", 80, "web", "db"),
                inc.impact("15:20", 10, "web"),
                inc.escalated("15:10", "db-team"),
                inc.hypothesis("15:15", "h1", "db down"),
                inc.ruledOut("15:25", "h1"),
                inc.rootCause("16:00", "bad config", RootCauseCategory.CONFIGURATION));

        IncidentView incident = incident("inc-1");
        assertThat(incident.userImpactPercent()).isEqualTo(80);
        assertThat(incident.affectedServices()).containsExactly("web", "db");
        assertThat(incident.impactDescription()).isEqualTo("impact at 15:40");
        assertThat(incident.rootCause()).isEqualTo("bad config");
        assertThat(incident.rootCauseCategory()).isEqualTo(RootCauseCategory.CONFIGURATION);
        assertThat(incident.escalationCount()).isEqualTo(1);
        assertThat(incident.hypothesisCount()).isEqualTo(1);
        assertThat(incident.ruledOutCount()).isEqualTo(1);
    }

    @Test
    void theListFiltersByStatusSeverityServiceDetectionTimeAndDrill() {
        Events a = new Events("a");
        Events b = new Events("b");
        Events c = new Events("c");
        readSide.publish(a.detected("10:00", SEV1, "web"), b.detected("12:00", SEV2, "db"), b.resolved("13:00"),
                c.detected("14:00", null, SEV2, true, "web", "db"));

        assertThat(ids(search(new FindIncidents(null, null, null, null, null, null, 0, 50)))).containsExactly("c", "b", "a");
        assertThat(ids(search(new FindIncidents(Set.of(IncidentStatus.OPEN), null, null, null, null, null, 0, 50))))
                .containsExactly("c", "a");
        assertThat(ids(search(new FindIncidents(null, Set.of(SEV2), null, null, null, null, 0, 50))))
                .containsExactly("c", "b");
        assertThat(ids(search(new FindIncidents(null, null, "web", null, null, null, 0, 50)))).containsExactly("c", "a");
        assertThat(ids(search(new FindIncidents(null, null, null, at("10:00"), at("14:00"), null, 0, 50))))
                .containsExactly("b", "a");
        assertThat(ids(search(new FindIncidents(null, null, null, null, null, false, 0, 50)))).containsExactly("b", "a");
        assertThat(ids(search(new FindIncidents(null, null, null, null, null, true, 0, 50)))).containsExactly("c");
    }

    @Test
    void theListPagesAndCountsEveryMatch() {
        for (int i = 0; i < 5; i++) {
            readSide.publish(new Events("p" + i).detected("1" + i + ":00", SEV3, "web"));
        }

        IncidentListView page = search(new FindIncidents(null, null, null, null, null, null, 1, 2));

        assertThat(page.total()).isEqualTo(5);
        assertThat(ids(page)).containsExactly("p2", "p1");
        assertThat(page.incidents().get(0).affectedServices()).containsExactly("web");
    }

    @Test
    void anUnknownIncidentIsNotFound() {
        assertThat(readSide.find(new FindIncident("nope"), IncidentView.class)).isEmpty();
    }

    private static List<String> ids(IncidentListView list) {
        return list.incidents().stream().map(IncidentView::incidentId).toList();
    }
}
