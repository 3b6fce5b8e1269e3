package dev.blackbox.command.training;

import dev.blackbox.command.incident.AcknowledgeIncident;
import dev.blackbox.command.incident.ConfirmHypothesis;
import dev.blackbox.command.incident.DetectIssue;
import dev.blackbox.command.incident.IdentifyRootCause;
import dev.blackbox.command.incident.RecordHypothesis;
import dev.blackbox.command.incident.Resolve;
import dev.blackbox.command.incident.RuleOutHypothesis;
import dev.blackbox.events.DrillRevealed;
import dev.blackbox.events.DrillSpeed;
import dev.blackbox.events.DrillStarted;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrillSagaTest {

    private static final String SOURCE = "lb-misconfig";
    private static final String DRILL = "drill-1";
    private static final String TRAINING = "training-1";
    private static final Instant DETECTED = Instant.parse("2024-01-24T15:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static final List<IncidentEvent> SOURCE_HISTORY = List.of(
            new IssueDetected(SOURCE, DETECTED, "alert-bot", "Users cannot log in", null, Severity.SEV1,
                    "monitoring", DETECTED, List.of("web-app"), 80, false),
            new IncidentAcknowledged(SOURCE, minutes(5), "ops", "ops"),
            new HypothesisRecorded(SOURCE, minutes(20), "ops", "h-db", "The database servers are failing", "database"),
            new HypothesisRecorded(SOURCE, minutes(90), "db-team", "h-lb", "The load balancer is misconfigured",
                    "load-balancer"),
            new HypothesisRuledOut(SOURCE, minutes(90), "db-team", "h-db", "Database servers are healthy"),
            new HypothesisConfirmed(SOURCE, minutes(180), "net-team", "h-lb", "Wrong backend pool"),
            new RootCauseIdentified(SOURCE, minutes(180), "net-team", "Load balancer misrouted queries",
                    RootCauseCategory.CONFIGURATION, "h-lb"),
            new IncidentResolved(SOURCE, minutes(210), "net-team", "Corrected the configuration"));

    private SagaTestFixture<DrillSaga> fixture;

    @BeforeEach
    void setUp() {
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()).build();
        for (int sequence = 0; sequence < SOURCE_HISTORY.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>("Incident", SOURCE, sequence, SOURCE_HISTORY.get(sequence)));
        }
        fixture = new SagaTestFixture<>(DrillSaga.class);
        fixture.registerResource(eventStore);
    }

    private static Instant minutes(int sinceDetection) {
        return DETECTED.plus(Duration.ofMinutes(sinceDetection));
    }

    /** The source's held-back answer, recorded on the drill incident at once. */
    private static Object[] theAnswer() {
        return new Object[] {
                new ConfirmHypothesis(TRAINING, NOW, "net-team", "h-lb", "Wrong backend pool"),
                new IdentifyRootCause(TRAINING, NOW, "net-team", "Load balancer misrouted queries",
                        RootCauseCategory.CONFIGURATION, "h-lb"),
                new Resolve(TRAINING, NOW, "net-team", "Corrected the configuration")};
    }

    private static DrillStarted started(DrillSpeed speed) {
        return new DrillStarted(DRILL, TRAINING, SOURCE, speed, NOW, "trainer");
    }

    private static DetectIssue drillDetection(Instant at) {
        return new DetectIssue(TRAINING, at, "alert-bot", "Users cannot log in", null, Severity.SEV1, "monitoring",
                at, List.of("web-app"), 80, true);
    }

    @Test
    void givenAnInstantDrill_whenStarted_thenEverythingButTheAnswerIsRecordedAtOnce() {
        fixture.givenCurrentTime(NOW)
                .whenPublishingA(started(DrillSpeed.INSTANT))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(
                        drillDetection(NOW),
                        new AcknowledgeIncident(TRAINING, NOW, "ops", "ops"),
                        new RecordHypothesis(TRAINING, NOW, "ops", "h-db", "The database servers are failing", "database"),
                        new RecordHypothesis(TRAINING, NOW, "db-team", "h-lb", "The load balancer is misconfigured",
                                "load-balancer"),
                        new RuleOutHypothesis(TRAINING, NOW, "db-team", "h-db", "Database servers are healthy"));
    }

    @Test
    void givenAnInstantDrill_whenRevealed_thenTheHeldBackAnswerIsRecordedInOrderAndTheSagaEnds() {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(started(DrillSpeed.INSTANT))
                .whenPublishingA(new DrillRevealed(DRILL, NOW, "trainer"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(theAnswer());
    }

    @Test
    void givenADrillAtSixtyTimes_whenStarted_thenOnlyDetectionIsDueAndTheNextFactWaitsForItsDeadline() {
        fixture.givenCurrentTime(NOW)
                .whenPublishingA(started(DrillSpeed.SIXTY_TIMES))
                .expectDispatchedCommands(drillDetection(NOW))
                // the acknowledgement came 5 minutes after detection: 5 seconds at 60x
                .expectScheduledDeadlineWithName(Duration.ofSeconds(5), DrillSaga.RELEASE_DEADLINE);
    }

    @Test
    void givenADrillAtSixtyTimes_whenItsDeadlineComes_thenTheDueFactIsRecordedAtItsRetimedMoment() {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(started(DrillSpeed.SIXTY_TIMES))
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectDispatchedCommands(new AcknowledgeIncident(TRAINING, NOW.plusSeconds(5), "ops", "ops"))
                // the first hypothesis came 20 minutes after detection: 20 seconds after the start
                .expectScheduledDeadlineWithName(Duration.ofSeconds(15), DrillSaga.RELEASE_DEADLINE);
    }

    @Test
    void givenAnInstantDrill_whenATraineeSuspectsTheConfirmedComponent_thenTheAnswerIsReleased() {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(started(DrillSpeed.INSTANT))
                .whenPublishingA(new HypothesisRecorded(TRAINING, NOW.plusSeconds(30), "trainee", "h-mine",
                        "Something is wrong with the load balancer", "Load-Balancer"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(theAnswer());
    }

    @Test
    void givenAnInstantDrill_whenATraineeSuspectsAnotherComponent_thenTheAnswerStaysHidden() {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(started(DrillSpeed.INSTANT))
                .whenPublishingA(new HypothesisRecorded(TRAINING, NOW.plusSeconds(30), "trainee", "h-mine",
                        "The database is overloaded", "database"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }
}
