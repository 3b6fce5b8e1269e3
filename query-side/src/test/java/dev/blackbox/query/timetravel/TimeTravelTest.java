package dev.blackbox.query.timetravel;

import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import dev.blackbox.query.Scenario;
import dev.blackbox.query.incident.FindIncident;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.EscalationView;
import dev.blackbox.query.investigation.FindInvestigation;
import dev.blackbox.query.investigation.HypothesisStatus;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineEntryKind;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineView;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static dev.blackbox.events.Severity.SEV2;
import static dev.blackbox.query.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

class TimeTravelTest {

    private static final String LB = "lb-misconfig-2024-01-24";
    private static final List<String> SCENARIOS = Scenario.NAMES;

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final TimeTravel timeTravel = new TimeTravel(eventStore, new ScratchSchema());

    @AfterEach
    void stop() {
        eventStore.shutDown();
    }

    @Test
    void at1700TheLoadBalancerHypothesisWasStillOpenAndOnlyTheDatabaseTeamHadBeenPulledIn() {
        store(Scenario.load("load-balancer-misconfiguration").events());

        IncidentStateView then = timeTravel.handle(new FindIncidentAsOf(LB, at("17:00")));

        assertThat(statuses(then.investigation())).containsExactly(
                "h-db-failure RULED_OUT", "h-lb-config OPEN", "h-slow-queries OPEN");
        assertThat(then.investigation().escalations()).extracting(EscalationView::target)
                .containsExactly("database-team");
        assertThat(then.investigation().rootCause()).isNull();
        assertThat(then.incident().status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(then.incident().acknowledgedBy()).isEqualTo("operations-team");
        assertThat(then.incident()).extracting(IncidentView::escalationCount, IncidentView::hypothesisCount,
                IncidentView::ruledOutCount, IncidentView::actionCount).containsExactly(1, 3, 1, 1);
        assertThat(then.incident().lastEventAt()).isEqualTo(at("17:00"));
    }

    @Test
    void laterInstantsKnowMoreUntilTheIncidentIsResolved() {
        store(Scenario.load("load-balancer-misconfiguration").events());

        IncidentStateView at1730 = timeTravel.handle(new FindIncidentAsOf(LB, at("17:30")));
        IncidentStateView at1800 = timeTravel.handle(new FindIncidentAsOf(LB, at("18:00")));
        IncidentStateView at1830 = timeTravel.handle(new FindIncidentAsOf(LB, at("18:30")));

        assertThat(statuses(at1730.investigation())).containsExactly(
                "h-db-failure RULED_OUT", "h-lb-config OPEN", "h-slow-queries RULED_OUT");
        assertThat(at1730.investigation().escalations()).extracting(EscalationView::target)
                .containsExactly("database-team", "networking-team");
        assertThat(at1800.investigation().hypotheses().get(1).status()).isEqualTo(HypothesisStatus.CONFIRMED);
        assertThat(at1800.incident().rootCause()).startsWith("A load balancer misconfiguration");
        assertThat(at1800.incident().status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(at1830.incident().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(at1830.incident().correctiveActionCount()).isZero();
    }

    @Test
    void theTimelineHoldsTheEntriesUpToTheInstantIncludingThoseAtIt() {
        store(Scenario.load("load-balancer-misconfiguration").events());

        TimelineView timeline = timeTravel.handle(new FindTimelineAsOf(LB, at("16:30")));

        assertThat(timeline.entries()).extracting(TimelineEntryView::kind).containsExactly(
                TimelineEntryKind.DETECTED, TimelineEntryKind.ACKNOWLEDGED, TimelineEntryKind.HYPOTHESIS_RECORDED,
                TimelineEntryKind.ACTION_TAKEN, TimelineEntryKind.ESCALATED, TimelineEntryKind.HYPOTHESIS_RECORDED,
                TimelineEntryKind.HYPOTHESIS_RULED_OUT);
        assertThat(timeline.entries().get(6).text()).startsWith("Hypothesis ruled out: \"The database servers are failing\"");
    }

    @Test
    void backFilledFactsCountFromWhenTheyHappenedNotFromWhenTheyWereSent() {
        Events inc = new Events("inc-1");
        store(List.of(inc.detected("15:00", SEV2, "checkout"),
                inc.escalated("15:30", "db-team"),
                inc.acknowledged("15:10", "alice"),
                inc.mitigated("15:40"),
                inc.note("15:05", "back-filled: a deploy went out")));

        IncidentStateView at1520 = timeTravel.handle(new FindIncidentAsOf("inc-1", at("15:20")));
        TimelineView timeline = timeTravel.handle(new FindTimelineAsOf("inc-1", at("15:20")));

        assertThat(at1520.incident().acknowledgedBy()).isEqualTo("alice");
        assertThat(at1520.incident().escalationCount()).isZero();
        assertThat(at1520.incident().status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(at1520.incident().mitigatedAt()).isNull();
        assertThat(timeline.entries()).extracting(TimelineEntryView::kind).containsExactly(
                TimelineEntryKind.DETECTED, TimelineEntryKind.NOTE_ADDED, TimelineEntryKind.ACKNOWLEDGED);
        assertThat(timeline.entries()).extracting(TimelineEntryView::sequence).containsExactly(0L, 4L, 2L);
    }

    @Test
    void beforeDetectionOrForAnUnknownIncidentNothingIsKnown() {
        store(Scenario.load("load-balancer-misconfiguration").events());

        assertThat(timeTravel.handle(new FindIncidentAsOf(LB, at("14:59")))).isNull();
        assertThat(timeTravel.handle(new FindTimelineAsOf(LB, at("14:59")))).isNull();
        assertThat(timeTravel.handle(new FindIncidentAsOf("nope", at("17:00")))).isNull();
        assertThat(timeTravel.handle(new FindTimelineAsOf("nope", at("17:00")))).isNull();
    }

    /** The point of folding through the projections: after the last event, as-of and current views are one. */
    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void afterTheLastEventTheAsOfViewsAreTheCurrentViews(String name) {
        Scenario scenario = Scenario.load(name);
        store(scenario.events());
        ReadSide current = new ReadSide(Clock.systemUTC()).publish(scenario.events());
        String id = scenario.incidentId();
        Instant end = Instant.parse("2100-01-01T00:00:00Z");

        IncidentStateView then = timeTravel.handle(new FindIncidentAsOf(id, end));

        assertThat(then.incident()).isEqualTo(current.find(new FindIncident(id), IncidentView.class).orElseThrow());
        assertThat(then.investigation()).isEqualTo(current.ask(new FindInvestigation(id), InvestigationView.class));
        assertThat(timeTravel.handle(new FindTimelineAsOf(id, end)))
                .isEqualTo(current.find(new FindTimeline(id), TimelineView.class).orElseThrow());
    }

    private void store(List<? extends IncidentEvent> events) {
        for (int sequence = 0; sequence < events.size(); sequence++) {
            IncidentEvent event = events.get(sequence);
            eventStore.publish(new GenericDomainEventMessage<>("Incident", event.incidentId(), sequence, event));
        }
    }

    private static List<String> statuses(InvestigationView investigation) {
        return investigation.hypotheses().stream()
                .map(h -> h.hypothesisId() + " " + h.status())
                .toList();
    }
}
