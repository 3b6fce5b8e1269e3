package dev.blackbox.command.incident;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.ContributingFactorWithdrawn;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.CorrectiveActionCompleted;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.NoteVisibility;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.Severity;
import dev.blackbox.events.SeverityChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentTest {

    private static final String ID = "inc-1";
    private static final String BOT = "pagerbot";
    private static final String BOB = "bob";
    private static final String ALICE = "alice";
    private static final String TITLE = "Checkout returns 500";
    private static final String DESCRIPTION = "5xx on /checkout since the 08:30 deploy";
    private static final List<String> SERVICES = List.of("checkout", "payments");
    private static final String STATEMENT = "the connection pool is exhausted";

    /** The fixture's clock; commands without occurredAt happen at this instant. */
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant DETECTED = NOW.minus(Duration.ofHours(1));
    private static final Instant IMPACT_STARTED = DETECTED.minus(Duration.ofMinutes(30));

    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
        fixture.givenCurrentTime(NOW);
    }

    /** {@code minutes} after the detection. */
    private static Instant at(int minutes) {
        return DETECTED.plus(Duration.ofMinutes(minutes));
    }

    private static Matcher<Throwable> violationOf(Rule rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable actual) {
                return actual instanceof RuleViolation violation && violation.rule() == rule;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of rule ").appendValue(rule);
            }

            @Override
            protected void describeMismatchSafely(Throwable actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual);
                if (actual instanceof RuleViolation violation) {
                    mismatch.appendText(" of rule ").appendValue(violation.rule());
                }
            }
        };
    }

    private static Map<String, Object> fingerprintOf(IncidentCommand command) {
        return Map.of(RequestMetaData.REQUEST_FINGERPRINT, Fingerprint.of(command));
    }

    private static EventMessage<?> withMetaData(Object event, Map<String, ?> metaData) {
        return GenericEventMessage.asEventMessage(event).withMetaData(metaData);
    }

    private static GenericCommandMessage<?> withKey(IncidentCommand command, String key) {
        return new GenericCommandMessage<>(command, Map.of(RequestMetaData.IDEMPOTENCY_KEY, key));
    }

    private static DetectIssue detect() {
        return new DetectIssue(ID, DETECTED, BOT, TITLE, DESCRIPTION, Severity.SEV2, "prometheus",
                IMPACT_STARTED, SERVICES, 30, false);
    }

    private static DetectIssue detectNow() {
        return new DetectIssue(ID, null, BOB, TITLE, DESCRIPTION, Severity.SEV2, null, null, null, null, false);
    }

    private static RecordHypothesis recordHypothesis(String hypothesisId, String statement) {
        return new RecordHypothesis(ID, at(10), BOB, hypothesisId, statement, "db");
    }

    private static RuleOutHypothesis ruleOut(String hypothesisId, String evidence) {
        return new RuleOutHypothesis(ID, at(20), BOB, hypothesisId, evidence);
    }

    private static ConfirmHypothesis confirm(String hypothesisId, String evidence) {
        return new ConfirmHypothesis(ID, at(20), BOB, hypothesisId, evidence);
    }

    private static Escalate escalate(String target) {
        return new Escalate(ID, at(5), BOB, target, "needs a DBA");
    }

    private static Mitigate mitigate(String description) {
        return new Mitigate(ID, at(30), BOB, description);
    }

    private static Resolve resolve(String resolution) {
        return new Resolve(ID, at(40), BOB, resolution);
    }

    private static AddCorrectiveAction addCorrectiveAction(String correctiveActionId, String description) {
        return new AddCorrectiveAction(ID, at(50), ALICE, correctiveActionId, description,
                CorrectiveActionKind.IMPROVEMENT, "team-db", NOW.plus(Duration.ofDays(14)));
    }

    private static CompleteCorrectiveAction completeCorrectiveAction(String correctiveActionId, String by) {
        return new CompleteCorrectiveAction(ID, at(55), by, correctiveActionId);
    }

    private static ChangeSeverity changeSeverity(Severity severity) {
        return new ChangeSeverity(ID, at(15), BOB, severity, "checkout is down for everyone");
    }

    private static AddNote addNote(String noteId, String text) {
        return new AddNote(ID, at(25), BOB, noteId, text);
    }

    private static IssueDetected detected() {
        return new IssueDetected(ID, DETECTED, BOT, TITLE, DESCRIPTION, Severity.SEV2, "prometheus",
                IMPACT_STARTED, SERVICES, 30, false);
    }

    private static HypothesisRecorded hypothesisRecorded(String hypothesisId) {
        return new HypothesisRecorded(ID, at(10), BOB, hypothesisId, STATEMENT, "db");
    }

    private static HypothesisRuledOut hypothesisRuledOut(String hypothesisId) {
        return new HypothesisRuledOut(ID, at(20), BOB, hypothesisId, "pool at 10% usage");
    }

    private static HypothesisConfirmed hypothesisConfirmed(String hypothesisId) {
        return new HypothesisConfirmed(ID, at(20), BOB, hypothesisId, "pool at 100% usage");
    }

    private static IncidentMitigated mitigated() {
        return new IncidentMitigated(ID, at(30), BOB, "traffic drained to the other region");
    }

    private static IncidentResolved resolved() {
        return new IncidentResolved(ID, at(40), BOB, "pool size raised");
    }

    private static CorrectiveActionAdded correctiveActionAdded(String correctiveActionId) {
        return new CorrectiveActionAdded(ID, at(50), ALICE, correctiveActionId, "alert on pool usage",
                CorrectiveActionKind.IMPROVEMENT, "team-db", NOW.plus(Duration.ofDays(14)));
    }

    @Nested
    class DetectingAnIssue {

        @Test
        void givenNoPriorActivity_whenDetectIssue_thenIssueDetected() {
            fixture.givenNoPriorActivity()
                    .when(detect())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(detected());
        }

        @Test
        void givenNoPriorActivity_whenDetectIssueWithoutOptionalFields_thenDefaultsAreRecorded() {
            fixture.givenNoPriorActivity()
                    .when(detectNow())
                    .expectEvents(new IssueDetected(ID, fixture.currentTime(), BOB, TITLE, DESCRIPTION, Severity.SEV2,
                            BOB, NOW, List.of(), null, false));
        }

        @Test
        void givenNoPriorActivity_whenDetectIssueWithoutImpactStart_thenImpactStartsAtTheSentTime() {
            fixture.givenNoPriorActivity()
                    .when(new DetectIssue(ID, DETECTED, BOT, TITLE, DESCRIPTION, Severity.SEV1, null, null,
                            SERVICES, null, true))
                    .expectEvents(new IssueDetected(ID, DETECTED, BOT, TITLE, DESCRIPTION, Severity.SEV1, BOT,
                            DETECTED, SERVICES, null, true));
        }

        @Test
        void givenNoPriorActivity_whenDetectIssueFourMinutesAhead_thenAcceptedAsClockSkew() {
            Instant ahead = NOW.plus(Duration.ofMinutes(4));
            fixture.givenNoPriorActivity()
                    .when(new DetectIssue(ID, ahead, BOT, TITLE, DESCRIPTION, Severity.SEV3, null, null, null, null,
                            false))
                    .expectEvents(new IssueDetected(ID, ahead, BOT, TITLE, DESCRIPTION, Severity.SEV3, BOT, ahead,
                            List.of(), null, false));
        }

        @Test
        void givenNoPriorActivity_whenDetectIssueSixMinutesAhead_thenOccurredInFuture() {
            fixture.givenNoPriorActivity()
                    .when(new DetectIssue(ID, NOW.plus(Duration.ofMinutes(6)), BOT, TITLE, DESCRIPTION,
                            Severity.SEV3, null, null, null, null, false))
                    .expectException(violationOf(Rule.OCCURRED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        void givenNoPriorActivity_whenDetectIssueBefore1970_thenOccurredBefore1970() {
            fixture.givenNoPriorActivity()
                    .when(new DetectIssue(ID, Instant.parse("1969-12-31T23:59:59Z"), BOT, TITLE, DESCRIPTION,
                            Severity.SEV3, null, null, null, null, false))
                    .expectException(violationOf(Rule.OCCURRED_BEFORE_1970))
                    .expectNoEvents();
        }

        @Test
        void givenNoPriorActivity_whenImpactStartedBefore1970_thenOccurredBefore1970() {
            fixture.givenNoPriorActivity()
                    .when(new DetectIssue(ID, DETECTED, BOT, TITLE, DESCRIPTION, Severity.SEV3, null,
                            Instant.parse("-5000-01-01T00:00:00Z"), null, null, false))
                    .expectException(violationOf(Rule.OCCURRED_BEFORE_1970))
                    .expectNoEvents();
        }

        @Test
        void givenNoPriorActivity_whenAServiceNameHoldsNul_thenNulCharacter() {
            fixture.givenNoPriorActivity()
                    .when(new DetectIssue(ID, DETECTED, BOT, TITLE, DESCRIPTION, Severity.SEV3, null, null,
                            List.of("web", "check\u0000out"), null, false))
                    .expectException(violationOf(Rule.NUL_CHARACTER))
                    .expectNoEvents();
        }

        @Test
        void givenNoPriorActivity_whenImpactStartsAfterDetection_thenImpactStartAfterDetection() {
            fixture.givenNoPriorActivity()
                    .when(new DetectIssue(ID, DETECTED, BOT, TITLE, DESCRIPTION, Severity.SEV2, null,
                            DETECTED.plusSeconds(1), null, null, false))
                    .expectException(violationOf(Rule.IMPACT_START_AFTER_DETECTION))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenIdenticalDetectIssue_thenNothingIsRecorded() {
            fixture.givenCommands(detect())
                    .when(detect())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssueWithoutTime_whenIdenticalDetectIssue_thenNothingIsRecorded() {
            fixture.givenCommands(detectNow())
                    .when(detectNow())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenDetectIssueWithSameIdAndOtherTitle_thenIncidentAlreadyExists() {
            fixture.givenCommands(detect())
                    .when(new DetectIssue(ID, DETECTED, BOT, "Checkout is slow", DESCRIPTION, Severity.SEV2,
                            "prometheus", IMPACT_STARTED, SERVICES, 30, false))
                    .expectException(violationOf(Rule.INCIDENT_ALREADY_EXISTS))
                    .expectNoEvents();
        }

        @Test
        void givenImportedIssueWithoutFingerprint_whenDetectIssue_thenIncidentAlreadyExists() {
            fixture.given(detected())
                    .when(detect())
                    .expectException(violationOf(Rule.INCIDENT_ALREADY_EXISTS))
                    .expectNoEvents();
        }
    }

    /** An alert router's notifications about one group of alerts, as {@code RecordAlerts}. */
    @Nested
    class Alerts {

        private static final String ROUTER = "alertmanager";
        private static final String NEXT = "inc-2";
        private static final Instant FIRST = NOW.minus(Duration.ofHours(2));
        private static final Instant SECOND = FIRST.plus(Duration.ofMinutes(5));
        private static final Instant ENDED = FIRST.plus(Duration.ofMinutes(40));
        private static final Duration WINDOW = Duration.ofMinutes(30);

        private final RecordAlerts.Detection detection = new RecordAlerts.Detection("Checkout error rate high",
                "5xx above 5%", Severity.SEV1, "alertmanager/team-checkout", List.of("checkout"));

        private RecordAlerts.Alert firing(String key, Instant startsAt, String service) {
            return new RecordAlerts.Alert(key, "alert " + key, true, startsAt, null, List.of(service),
                    key + " fires", key + " resolved", Map.of("alertname", "alert " + key));
        }

        private RecordAlerts.Alert resolved(String key, Instant startsAt, Instant endsAt, String service) {
            return new RecordAlerts.Alert(key, "alert " + key, false, startsAt, endsAt, List.of(service),
                    key + " fires", key + " resolved", Map.of("alertname", "alert " + key));
        }

        private RecordAlerts notification(RecordAlerts.WhenAllResolved whenAllResolved, RecordAlerts.Alert... alerts) {
            return new RecordAlerts(ID, ROUTER, NEXT, detection, List.of(alerts), whenAllResolved, WINDOW);
        }

        private RecordAlerts notification(RecordAlerts.Alert... alerts) {
            return notification(RecordAlerts.WhenAllResolved.MITIGATE, alerts);
        }

        private IssueDetected groupDetected() {
            return new IssueDetected(ID, FIRST, ROUTER, "Checkout error rate high", "5xx above 5%", Severity.SEV1,
                    "alertmanager/team-checkout", FIRST, List.of("checkout"), null, false);
        }

        /** The note of an alert's firing keeps the alert's labels; the note of its resolution has none. */
        private NoteAdded noted(String noteId, Instant at, String text) {
            Map<String, String> labels = noteId.endsWith("-firing")
                    ? Map.of("alertname", "alert " + noteId.substring("alert-".length(), noteId.length() - "-firing".length()))
                    : Map.of();
            return new NoteAdded(ID, at, ROUTER, noteId, text, NoteVisibility.INTERNAL, labels);
        }

        @Test
        void givenNoPriorActivity_whenAGroupFires_thenDetectedAtItsEarliestStartWithANotePerAlert() {
            fixture.givenNoPriorActivity()
                    .when(notification(firing("b", SECOND, "checkout"), firing("a", FIRST, "checkout")))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(RecordAlerts.Outcome.RECORDED)
                    .expectEvents(groupDetected(),
                            noted("alert-b-firing", SECOND, "b fires"),
                            noted("alert-a-firing", FIRST, "a fires"));
        }

        @Test
        void givenNoPriorActivity_whenNothingFires_thenNothingIsOpened() {
            fixture.givenNoPriorActivity()
                    .when(notification(resolved("a", FIRST, ENDED, "checkout")))
                    .expectException(violationOf(Rule.NO_FIRING_ALERTS))
                    .expectNoEvents();
        }

        @Test
        void givenTheGroupsIncident_whenTheSameNotificationComesAgain_thenNothingIsRecorded() {
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"))
                    .when(notification(firing("a", FIRST, "checkout")))
                    .expectResultMessagePayload(RecordAlerts.Outcome.RECORDED)
                    .expectNoEvents();
        }

        @Test
        void givenTheGroupsIncident_whenAnAlertJoins_thenANoteAndItsServiceJoinTheImpact() {
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"))
                    .when(notification(firing("a", FIRST, "checkout"), firing("b", SECOND, "payments")))
                    .expectEvents(noted("alert-b-firing", SECOND, "b fires"),
                            new ImpactAssessed(ID, SECOND, ROUTER, null, List.of("checkout", "payments"),
                                    "Alerts joined for payments"));
        }

        @Test
        void givenTheGroupsIncident_whenOneOfTwoAlertsResolves_thenOnlyANote() {
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"),
                            noted("alert-b-firing", SECOND, "b fires"))
                    .when(notification(resolved("a", FIRST, ENDED, "checkout"), firing("b", SECOND, "checkout")))
                    .expectEvents(noted("alert-a-resolved", ENDED, "a resolved"));
        }

        @Test
        void givenTheGroupsIncident_whenEveryAlertHasResolved_thenMitigatedAtTheLatestEnd() {
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"),
                            noted("alert-b-firing", SECOND, "b fires"), noted("alert-a-resolved", SECOND, "a resolved"))
                    .when(notification(resolved("a", FIRST, SECOND, "checkout"), resolved("b", SECOND, ENDED, "checkout")))
                    .expectEvents(noted("alert-b-resolved", ENDED, "b resolved"),
                            new IncidentMitigated(ID, ENDED, ROUTER, "All 2 alerts resolved"));
        }

        @Test
        void givenTheGroupsIncident_whenEveryAlertHasResolvedAndResolvingIsWanted_thenResolved() {
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"))
                    .when(notification(RecordAlerts.WhenAllResolved.RESOLVE, resolved("a", FIRST, ENDED, "checkout")))
                    .expectEvents(noted("alert-a-resolved", ENDED, "a resolved"),
                            new IncidentResolved(ID, ENDED, ROUTER, "The alert resolved"));
        }

        @Test
        void givenTheGroupsIncident_whenEveryAlertHasResolvedAndOnlyANoteIsWanted_thenANote() {
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"))
                    .when(notification(RecordAlerts.WhenAllResolved.NOTE, resolved("a", FIRST, ENDED, "checkout")))
                    .expectEvents(noted("alert-a-resolved", ENDED, "a resolved"),
                            noted("alerts-resolved-" + ENDED.getEpochSecond(), ENDED, "The alert resolved at " + ENDED));
        }

        @Test
        void givenAResolvedIncident_whenAnAlertFiresAgainWithinTheWindow_thenReopened() {
            Instant again = ENDED.plus(Duration.ofMinutes(10));
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"),
                            new IncidentResolved(ID, ENDED, ROUTER, "The alert resolved"))
                    .when(notification(firing("a2", again, "checkout")))
                    .expectResultMessagePayload(RecordAlerts.Outcome.RECORDED)
                    .expectEvents(new IncidentReopened(ID, again, ROUTER, "Alert alert a2 is firing again"),
                            noted("alert-a2-firing", again, "a2 fires"));
        }

        @Test
        void givenAMitigatedIncident_whenTheGroupFiresAgainAfterTheWindow_thenHandedOnToTheNextIncident() {
            Instant again = ENDED.plus(WINDOW).plusSeconds(1);
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"),
                            new IncidentMitigated(ID, ENDED, ROUTER, "The alert resolved"))
                    .when(notification(firing("a2", again, "checkout")))
                    .expectResultMessagePayload(RecordAlerts.Outcome.NEXT_INCIDENT)
                    .expectEvents(noted(RecordAlerts.HANDED_ON_NOTE, again, "Alert alert a2 fired again at " + again
                            + ", more than PT30M after this incident was mitigated at " + ENDED
                            + "; the group's alerts are recorded on incident " + NEXT));
        }

        @Test
        void givenAHandedOnIncident_whenAnyNotificationComes_thenItGoesToTheNextIncident() {
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"),
                            new IncidentMitigated(ID, ENDED, ROUTER, "The alert resolved"),
                            noted(RecordAlerts.HANDED_ON_NOTE, NOW, "handed on"))
                    .when(notification(resolved("a", FIRST, ENDED, "checkout")))
                    .expectResultMessagePayload(RecordAlerts.Outcome.NEXT_INCIDENT)
                    .expectNoEvents();
        }

        @Test
        void givenAReopenedIncident_whenAnOlderAllResolvedNotificationIsRedelivered_thenItStaysOpen() {
            Instant again = ENDED.plus(Duration.ofMinutes(10));
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"),
                            noted("alert-a-resolved", ENDED, "a resolved"),
                            new IncidentResolved(ID, ENDED, ROUTER, "The alert resolved"),
                            new IncidentReopened(ID, again, ROUTER, "again"))
                    .when(notification(RecordAlerts.WhenAllResolved.RESOLVE, resolved("a", FIRST, ENDED, "checkout")))
                    .expectNoEvents();
        }

        @Test
        void givenTheGroupsIncident_whenAnAlertJoinsThatStartedBeforeTheImpact_thenItsNoteIsAtTheImpactStart() {
            Instant earlier = FIRST.minus(Duration.ofMinutes(3));
            fixture.given(groupDetected(), noted("alert-a-firing", FIRST, "a fires"))
                    .when(notification(firing("a", FIRST, "checkout"), firing("b", earlier, "checkout")))
                    .expectEvents(noted("alert-b-firing", FIRST, "b fires"));
        }
    }

    @Nested
    class UnknownIncident {

        @Test
        void givenNoPriorActivity_whenEscalate_thenAggregateNotFound() {
            fixture.givenNoPriorActivity()
                    .when(escalate("team-db"))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("dev.blackbox.command.incident.IncidentTest#everyCommandButDetectIssue")
        void givenNoPriorActivity_whenAnyCommandButDetectIssue_thenAggregateNotFound(IncidentCommand command) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    static Stream<Arguments> everyCommandButDetectIssue() {
        return Stream.of(
                        new AcknowledgeIncident(ID, null, BOB, null),
                        escalate("team-db"),
                        recordHypothesis("h1", STATEMENT),
                        ruleOut("h1", "pool at 10% usage"),
                        confirm("h1", "pool at 100% usage"),
                        new RecordAction(ID, null, BOB, "a1", "restart", ActionOutcome.NO_EFFECT, null),
                        new AssessImpact(ID, null, BOB, 40, SERVICES, "half of the checkouts fail"),
                        changeSeverity(Severity.SEV1),
                        new IdentifyRootCause(ID, null, BOB, "pool too small", RootCauseCategory.DATABASE, null),
                        mitigate("traffic drained"),
                        resolve("pool size raised"),
                        new Reopen(ID, null, BOB, "errors are back"),
                        addCorrectiveAction("c1", "alert on pool usage"),
                        completeCorrectiveAction("c1", ALICE),
                        addNote("n1", "customers notified"),
                        new WriteConclusion(ID, null, ALICE, "we sized the pool for last year's traffic"))
                .map(command -> Arguments.of(Named.of(command.getClass().getSimpleName(), command)));
    }

    @Nested
    class Responding {

        @Test
        void givenDetectedIssue_whenAcknowledgeWithResponder_thenIncidentAcknowledgedByThatResponder() {
            fixture.given(detected())
                    .when(new AcknowledgeIncident(ID, at(2), BOT, ALICE))
                    .expectEvents(new IncidentAcknowledged(ID, at(2), BOT, ALICE));
        }

        @Test
        void givenDetectedIssue_whenAcknowledgeWithoutResponderOrTime_thenSenderAcknowledgesNow() {
            fixture.given(detected())
                    .when(new AcknowledgeIncident(ID, null, BOB, null))
                    .expectEvents(new IncidentAcknowledged(ID, NOW, BOB, BOB));
        }

        @Test
        void givenDetectedIssue_whenEscalate_thenIncidentEscalated() {
            fixture.given(detected())
                    .when(escalate("team-db"))
                    .expectEvents(new IncidentEscalated(ID, at(5), BOB, "team-db", "needs a DBA"));
        }

        @Test
        void givenDetectedIssue_whenEscalateBackFilledBetweenImpactAndDetection_thenAccepted() {
            Instant beforeDetection = IMPACT_STARTED.plus(Duration.ofMinutes(5));
            fixture.given(detected())
                    .when(new Escalate(ID, beforeDetection, BOB, "team-db", "late entry"))
                    .expectEvents(new IncidentEscalated(ID, beforeDetection, BOB, "team-db", "late entry"));
        }

        @Test
        void givenDetectedIssue_whenEscalateBeforeImpactStarted_thenBeforeImpactStart() {
            fixture.given(detected())
                    .when(new Escalate(ID, IMPACT_STARTED.minusSeconds(1), BOB, "team-db", "late entry"))
                    .expectException(violationOf(Rule.BEFORE_IMPACT_START))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenNoteExactlyFiveMinutesAhead_thenAccepted() {
            Instant ahead = NOW.plus(Incident.CLOCK_SKEW_ALLOWANCE);
            fixture.given(detected())
                    .when(new AddNote(ID, ahead, BOB, "n1", "written on a fast clock"))
                    .expectEvents(new NoteAdded(ID, ahead, BOB, "n1", "written on a fast clock"));
        }

        @Test
        void givenDetectedIssue_whenNoteHoldsNul_thenNulCharacter() {
            fixture.given(detected())
                    .when(new AddNote(ID, null, BOB, "n1", "a\u0000b"))
                    .expectException(violationOf(Rule.NUL_CHARACTER))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenNoteSixMinutesAhead_thenOccurredInFuture() {
            fixture.given(detected())
                    .when(new AddNote(ID, NOW.plus(Duration.ofMinutes(6)), BOB, "n1", "from the future"))
                    .expectException(violationOf(Rule.OCCURRED_IN_FUTURE))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenRecordAction_thenActionTaken() {
            fixture.given(detected())
                    .when(new RecordAction(ID, at(12), BOB, "a1", "restarted the pods", ActionOutcome.NO_EFFECT,
                            null))
                    .expectEvents(new ActionTaken(ID, at(12), BOB, "a1", "restarted the pods",
                            ActionOutcome.NO_EFFECT, null));
        }

        @Test
        void givenRecordedHypothesis_whenRecordActionTestingIt_thenActionTakenWithHypothesis() {
            fixture.given(detected(), hypothesisRecorded("h1"))
                    .when(new RecordAction(ID, at(12), BOB, "a1", "raised the pool size", ActionOutcome.PARTIAL,
                            "h1"))
                    .expectEvents(new ActionTaken(ID, at(12), BOB, "a1", "raised the pool size",
                            ActionOutcome.PARTIAL, "h1"));
        }

        @Test
        void givenDetectedIssue_whenRecordActionForUnknownHypothesis_thenUnknownHypothesis() {
            fixture.given(detected())
                    .when(new RecordAction(ID, at(12), BOB, "a1", "raised the pool size", ActionOutcome.PARTIAL,
                            "h9"))
                    .expectException(violationOf(Rule.UNKNOWN_HYPOTHESIS))
                    .expectNoEvents();
        }

        @Test
        void givenRecordedAction_whenSameActionIdWithOtherOutcome_thenActionAlreadyRecorded() {
            fixture.givenCommands(detect(),
                            new RecordAction(ID, at(12), BOB, "a1", "restarted the pods", ActionOutcome.NO_EFFECT,
                                    null))
                    .when(new RecordAction(ID, at(12), BOB, "a1", "restarted the pods", ActionOutcome.MADE_WORSE,
                            null))
                    .expectException(violationOf(Rule.ACTION_ALREADY_RECORDED))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenAssessImpact_thenImpactAssessed() {
            fixture.given(detected())
                    .when(new AssessImpact(ID, at(8), BOB, 60, List.of("checkout"), "most checkouts fail"))
                    .expectEvents(new ImpactAssessed(ID, at(8), BOB, 60, List.of("checkout"),
                            "most checkouts fail"));
        }

        @Test
        void givenDetectedIssue_whenChangeSeverity_thenSeverityChangedFromTheDetectedSeverity() {
            fixture.given(detected())
                    .when(changeSeverity(Severity.SEV1))
                    .expectEvents(new SeverityChanged(ID, at(15), BOB, Severity.SEV2, Severity.SEV1,
                            "checkout is down for everyone"));
        }

        @Test
        void givenChangedSeverity_whenChangeSeverityAgain_thenPreviousSeverityIsTheChangedOne() {
            fixture.given(detected(),
                            new SeverityChanged(ID, at(15), BOB, Severity.SEV2, Severity.SEV1, "worse"))
                    .when(new ChangeSeverity(ID, at(35), BOB, Severity.SEV3, "mitigated"))
                    .expectEvents(new SeverityChanged(ID, at(35), BOB, Severity.SEV1, Severity.SEV3, "mitigated"));
        }

        @Test
        void givenDetectedIssue_whenChangeSeverityToTheCurrentOne_thenSeverityUnchanged() {
            fixture.given(detected())
                    .when(changeSeverity(Severity.SEV2))
                    .expectException(violationOf(Rule.SEVERITY_UNCHANGED))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenAddNote_thenNoteAdded() {
            fixture.given(detected())
                    .when(addNote("n1", "customers notified"))
                    .expectEvents(new NoteAdded(ID, at(25), BOB, "n1", "customers notified"));
        }

        @Test
        void givenAddedNote_whenSameNoteIdWithOtherText_thenNoteAlreadyAdded() {
            fixture.givenCommands(detect(), addNote("n1", "customers notified"))
                    .when(addNote("n1", "status page updated"))
                    .expectException(violationOf(Rule.NOTE_ALREADY_ADDED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Hypotheses {

        @Test
        void givenDetectedIssue_whenRecordHypothesis_thenHypothesisRecorded() {
            fixture.given(detected())
                    .when(recordHypothesis("h1", STATEMENT))
                    .expectEvents(hypothesisRecorded("h1"));
        }

        @Test
        void givenRecordedHypothesis_whenRuleOut_thenHypothesisRuledOut() {
            fixture.given(detected(), hypothesisRecorded("h1"))
                    .when(ruleOut("h1", "pool at 10% usage"))
                    .expectEvents(hypothesisRuledOut("h1"));
        }

        @Test
        void givenRecordedHypothesis_whenConfirm_thenHypothesisConfirmed() {
            fixture.given(detected(), hypothesisRecorded("h1"))
                    .when(confirm("h1", "pool at 100% usage"))
                    .expectEvents(hypothesisConfirmed("h1"));
        }

        @Test
        void givenRuledOutHypothesis_whenRuleOutWithOtherEvidence_thenHypothesisAlreadyRuledOut() {
            fixture.givenCommands(detect(), recordHypothesis("h1", STATEMENT), ruleOut("h1", "pool at 10% usage"))
                    .when(ruleOut("h1", "no pool errors in the logs"))
                    .expectException(violationOf(Rule.HYPOTHESIS_ALREADY_RULED_OUT))
                    .expectNoEvents();
        }

        @Test
        void givenRuledOutHypothesis_whenConfirm_thenHypothesisAlreadyRuledOut() {
            fixture.given(detected(), hypothesisRecorded("h1"), hypothesisRuledOut("h1"))
                    .when(confirm("h1", "pool at 100% usage"))
                    .expectException(violationOf(Rule.HYPOTHESIS_ALREADY_RULED_OUT))
                    .expectNoEvents();
        }

        @Test
        void givenConfirmedHypothesis_whenRuleOut_thenHypothesisAlreadyConfirmed() {
            fixture.given(detected(), hypothesisRecorded("h1"), hypothesisConfirmed("h1"))
                    .when(ruleOut("h1", "pool at 10% usage"))
                    .expectException(violationOf(Rule.HYPOTHESIS_ALREADY_CONFIRMED))
                    .expectNoEvents();
        }

        @Test
        void givenOtherHypothesis_whenRuleOutUnknownOne_thenUnknownHypothesis() {
            fixture.given(detected(), hypothesisRecorded("h1"))
                    .when(ruleOut("h2", "pool at 10% usage"))
                    .expectException(violationOf(Rule.UNKNOWN_HYPOTHESIS))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenConfirmUnknownHypothesis_thenUnknownHypothesis() {
            fixture.given(detected())
                    .when(confirm("h1", "pool at 100% usage"))
                    .expectException(violationOf(Rule.UNKNOWN_HYPOTHESIS))
                    .expectNoEvents();
        }

        @Test
        void givenRecordedHypothesis_whenRuleOutBeforeItWasRecorded_thenBeforeHypothesis() {
            fixture.given(detected(), hypothesisRecorded("h1"))
                    .when(new RuleOutHypothesis(ID, at(9), BOB, "h1", "pool at 10% usage"))
                    .expectException(violationOf(Rule.BEFORE_HYPOTHESIS))
                    .expectNoEvents();
        }

        @Test
        void givenRecordedHypothesis_whenConfirmBeforeItWasRecorded_thenBeforeHypothesis() {
            fixture.given(detected(), hypothesisRecorded("h1"))
                    .when(new ConfirmHypothesis(ID, at(9), BOB, "h1", "pool at 100% usage"))
                    .expectException(violationOf(Rule.BEFORE_HYPOTHESIS))
                    .expectNoEvents();
        }

        @Test
        void givenRecordedHypothesis_whenIdenticalRecordHypothesis_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), recordHypothesis("h1", STATEMENT))
                    .when(recordHypothesis("h1", STATEMENT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenRecordedHypothesis_whenSameIdWithOtherStatement_thenHypothesisAlreadyRecorded() {
            fixture.givenCommands(detect(), recordHypothesis("h1", STATEMENT))
                    .when(recordHypothesis("h1", "a bad deploy"))
                    .expectException(violationOf(Rule.HYPOTHESIS_ALREADY_RECORDED))
                    .expectNoEvents();
        }

        @Test
        void givenRuledOutHypothesis_whenIdenticalRuleOut_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), recordHypothesis("h1", STATEMENT), ruleOut("h1", "pool at 10% usage"))
                    .when(ruleOut("h1", "pool at 10% usage"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenConfirmedHypothesis_whenIdenticalConfirm_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), recordHypothesis("h1", STATEMENT), confirm("h1", "pool at 100% usage"))
                    .when(confirm("h1", "pool at 100% usage"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class RootCause {

        @Test
        void givenConfirmedHypothesis_whenIdentifyRootCause_thenRootCauseIdentified() {
            fixture.given(detected(), hypothesisRecorded("h1"), hypothesisConfirmed("h1"))
                    .when(new IdentifyRootCause(ID, at(22), BOB, "pool too small", RootCauseCategory.DATABASE,
                            "h1"))
                    .expectEvents(new RootCauseIdentified(ID, at(22), BOB, "pool too small",
                            RootCauseCategory.DATABASE, "h1"));
        }

        @Test
        void givenRuledOutHypothesis_whenIdentifyRootCauseFromIt_thenHypothesisAlreadyRuledOut() {
            fixture.given(detected(), hypothesisRecorded("h1"), hypothesisRuledOut("h1"))
                    .when(new IdentifyRootCause(ID, at(22), BOB, "pool too small", RootCauseCategory.DATABASE,
                            "h1"))
                    .expectException(violationOf(Rule.HYPOTHESIS_ALREADY_RULED_OUT))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenIdentifyRootCauseFromUnknownHypothesis_thenUnknownHypothesis() {
            fixture.given(detected())
                    .when(new IdentifyRootCause(ID, at(22), BOB, "pool too small", RootCauseCategory.DATABASE,
                            "h1"))
                    .expectException(violationOf(Rule.UNKNOWN_HYPOTHESIS))
                    .expectNoEvents();
        }
    }

    @Nested
    class MitigationAndResolution {

        @Test
        void givenDetectedIssue_whenMitigate_thenIncidentMitigated() {
            fixture.given(detected())
                    .when(mitigate("traffic drained to the other region"))
                    .expectEvents(mitigated());
        }

        @Test
        void givenMitigatedIncident_whenMitigateWithOtherText_thenAlreadyMitigated() {
            fixture.given(detected(), mitigated())
                    .when(mitigate("feature flag turned off"))
                    .expectException(violationOf(Rule.ALREADY_MITIGATED))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenMitigateBetweenImpactAndDetection_thenBeforeDetection() {
            fixture.given(detected())
                    .when(new Mitigate(ID, DETECTED.minusSeconds(1), BOB, "traffic drained"))
                    .expectException(violationOf(Rule.BEFORE_DETECTION))
                    .expectNoEvents();
        }

        @Test
        void givenDetectedIssue_whenResolveBetweenImpactAndDetection_thenBeforeDetection() {
            fixture.given(detected())
                    .when(new Resolve(ID, DETECTED.minusSeconds(1), BOB, "pool size raised"))
                    .expectException(violationOf(Rule.BEFORE_DETECTION))
                    .expectNoEvents();
        }

        @Test
        void givenOpenIncident_whenResolve_thenIncidentResolved() {
            fixture.given(detected())
                    .when(resolve("pool size raised"))
                    .expectEvents(resolved());
        }

        @Test
        void givenMitigatedIncident_whenResolve_thenIncidentResolved() {
            fixture.given(detected(), mitigated())
                    .when(resolve("pool size raised"))
                    .expectEvents(resolved());
        }

        @Test
        void givenResolvedIncident_whenIdenticalResolve_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), resolve("pool size raised"))
                    .when(resolve("pool size raised"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenResolvedIncident_whenResolveWithOtherText_thenIncidentResolved() {
            fixture.givenCommands(detect(), resolve("pool size raised"))
                    .when(resolve("rolled back"))
                    .expectException(violationOf(Rule.INCIDENT_RESOLVED))
                    .expectNoEvents();
        }

        @Test
        void givenResolvedIncident_whenRecordHypothesis_thenIncidentResolved() {
            fixture.given(detected(), resolved())
                    .when(recordHypothesis("h1", STATEMENT))
                    .expectException(violationOf(Rule.INCIDENT_RESOLVED))
                    .expectNoEvents();
        }

        @Test
        void givenResolvedIncident_whenEscalate_thenIncidentResolved() {
            fixture.given(detected(), resolved())
                    .when(escalate("team-db"))
                    .expectException(violationOf(Rule.INCIDENT_RESOLVED))
                    .expectNoEvents();
        }

        @Test
        void givenResolvedIncident_whenMitigate_thenIncidentResolved() {
            fixture.given(detected(), resolved())
                    .when(mitigate("traffic drained"))
                    .expectException(violationOf(Rule.INCIDENT_RESOLVED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("dev.blackbox.command.incident.IncidentTest#investigationCommands")
        void givenResolvedIncident_whenAnyInvestigationCommand_thenIncidentResolved(IncidentCommand command) {
            fixture.given(detected(), hypothesisRecorded("h1"), resolved())
                    .when(command)
                    .expectException(violationOf(Rule.INCIDENT_RESOLVED))
                    .expectNoEvents();
        }

        @Test
        void givenResolvedIncident_whenIdenticalRetryOfAnEarlierHypothesis_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), recordHypothesis("h1", STATEMENT), resolve("pool size raised"))
                    .when(recordHypothesis("h1", STATEMENT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    static Stream<Arguments> investigationCommands() {
        return Stream.of(
                        new AcknowledgeIncident(ID, at(41), BOB, null),
                        escalate("team-db"),
                        recordHypothesis("h2", "a bad deploy"),
                        ruleOut("h1", "pool at 10% usage"),
                        confirm("h1", "pool at 100% usage"),
                        new RecordAction(ID, at(41), BOB, "a1", "restart", ActionOutcome.NO_EFFECT, null),
                        new AssessImpact(ID, at(41), BOB, 40, SERVICES, "half of the checkouts fail"),
                        changeSeverity(Severity.SEV1),
                        mitigate("traffic drained"),
                        resolve("rolled back"))
                .map(command -> Arguments.of(Named.of(command.getClass().getSimpleName(), command)));
    }

    @Nested
    class AfterResolution {

        @Test
        void givenResolvedIncident_whenAddCorrectiveAction_thenCorrectiveActionAdded() {
            fixture.given(detected(), resolved())
                    .when(addCorrectiveAction("c1", "alert on pool usage"))
                    .expectEvents(correctiveActionAdded("c1"));
        }

        @Test
        void givenResolvedIncidentWithCorrectiveAction_whenComplete_thenCorrectiveActionCompleted() {
            fixture.given(detected(), resolved(), correctiveActionAdded("c1"))
                    .when(completeCorrectiveAction("c1", ALICE))
                    .expectEvents(new CorrectiveActionCompleted(ID, at(55), ALICE, "c1"));
        }

        @Test
        void givenResolvedIncident_whenAddNote_thenNoteAdded() {
            fixture.given(detected(), resolved())
                    .when(new AddNote(ID, at(50), ALICE, "n1", "postmortem meeting on Friday"))
                    .expectEvents(new NoteAdded(ID, at(50), ALICE, "n1", "postmortem meeting on Friday"));
        }

        @Test
        void givenResolvedIncident_whenWriteConclusion_thenConclusionWritten() {
            fixture.given(detected(), resolved())
                    .when(new WriteConclusion(ID, null, ALICE, "we sized the pool for last year's traffic"))
                    .expectEvents(new ConclusionWritten(ID, NOW, ALICE, "we sized the pool for last year's traffic"));
        }

        @Test
        void givenResolvedIncident_whenIdentifyRootCause_thenRootCauseIdentified() {
            fixture.given(detected(), resolved())
                    .when(new IdentifyRootCause(ID, at(55), ALICE, "pool too small", RootCauseCategory.CAPACITY,
                            null))
                    .expectEvents(new RootCauseIdentified(ID, at(55), ALICE, "pool too small",
                            RootCauseCategory.CAPACITY, null));
        }
    }

    @Nested
    class CorrectiveActions {

        @Test
        void givenOtherCorrectiveAction_whenCompleteUnknownOne_thenUnknownCorrectiveAction() {
            fixture.given(detected(), correctiveActionAdded("c1"))
                    .when(completeCorrectiveAction("c2", ALICE))
                    .expectException(violationOf(Rule.UNKNOWN_CORRECTIVE_ACTION))
                    .expectNoEvents();
        }

        @Test
        void givenCompletedCorrectiveAction_whenIdenticalComplete_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), addCorrectiveAction("c1", "alert on pool usage"),
                            completeCorrectiveAction("c1", ALICE))
                    .when(completeCorrectiveAction("c1", ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenCompletedCorrectiveAction_whenCompletedBySomeoneElse_thenCorrectiveActionAlreadyCompleted() {
            fixture.givenCommands(detect(), addCorrectiveAction("c1", "alert on pool usage"),
                            completeCorrectiveAction("c1", ALICE))
                    .when(completeCorrectiveAction("c1", BOB))
                    .expectException(violationOf(Rule.CORRECTIVE_ACTION_ALREADY_COMPLETED))
                    .expectNoEvents();
        }

        @Test
        void givenAddedCorrectiveAction_whenSameIdWithOtherDescription_thenCorrectiveActionAlreadyAdded() {
            fixture.givenCommands(detect(), addCorrectiveAction("c1", "alert on pool usage"))
                    .when(addCorrectiveAction("c1", "double the pool"))
                    .expectException(violationOf(Rule.CORRECTIVE_ACTION_ALREADY_ADDED))
                    .expectNoEvents();
        }
    }

    @Nested
    class ContributingFactors {

        private IdentifyContributingFactor identify(String factorId, String description, String hypothesisId) {
            return new IdentifyContributingFactor(ID, at(50), ALICE, factorId, description,
                    ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, hypothesisId);
        }

        private ContributingFactorIdentified identified(String factorId) {
            return new ContributingFactorIdentified(ID, at(50), ALICE, factorId, "a traffic surge",
                    ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, null);
        }

        @Test
        void givenResolvedIncident_whenIdentifyFactor_thenFactorIdentified() {
            fixture.given(detected(), resolved())
                    .when(identify("f1", "a traffic surge", null))
                    .expectEvents(identified("f1"));
        }

        @Test
        void givenHypothesis_whenIdentifyFactorOfIt_thenFactorNamesTheHypothesis() {
            fixture.given(detected(), hypothesisRecorded("h1"))
                    .when(identify("f1", "a traffic surge", "h1"))
                    .expectEvents(new ContributingFactorIdentified(ID, at(50), ALICE, "f1", "a traffic surge",
                            ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, "h1"));
        }

        @Test
        void givenNoSuchHypothesis_whenIdentifyFactorOfIt_thenUnknownHypothesis() {
            fixture.given(detected())
                    .when(identify("f1", "a traffic surge", "h9"))
                    .expectException(violationOf(Rule.UNKNOWN_HYPOTHESIS))
                    .expectNoEvents();
        }

        @Test
        void givenAnImportedFactorWithoutKind_whenIdentify_thenIncompleteContributingFactor() {
            fixture.given(detected())
                    .when(new IdentifyContributingFactor(ID, at(50), ALICE, "f1", "a surge", null, null, null))
                    .expectException(violationOf(Rule.INCOMPLETE_CONTRIBUTING_FACTOR))
                    .expectNoEvents();
        }

        @Test
        void givenIdentifiedFactor_whenIdenticalRetry_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), identify("f1", "a traffic surge", null))
                    .when(identify("f1", "a traffic surge", null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenIdentifiedFactor_whenSameIdWithOtherDescription_thenFactorAlreadyIdentified() {
            fixture.givenCommands(detect(), identify("f1", "a traffic surge", null))
                    .when(identify("f1", "a missing replica", null))
                    .expectException(violationOf(Rule.CONTRIBUTING_FACTOR_ALREADY_IDENTIFIED))
                    .expectNoEvents();
        }

        @Test
        void givenResolvedIncidentWithFactor_whenWithdraw_thenFactorWithdrawn() {
            fixture.given(detected(), resolved(), identified("f1"))
                    .when(new WithdrawContributingFactor(ID, at(55), BOB, "f1", "the surge came later"))
                    .expectEvents(new ContributingFactorWithdrawn(ID, at(55), BOB, "f1", "the surge came later"));
        }

        @Test
        void givenNoSuchFactor_whenWithdraw_thenUnknownContributingFactor() {
            fixture.given(detected(), identified("f1"))
                    .when(new WithdrawContributingFactor(ID, at(55), BOB, "f2", null))
                    .expectException(violationOf(Rule.UNKNOWN_CONTRIBUTING_FACTOR))
                    .expectNoEvents();
        }

        @Test
        void givenWithdrawnFactor_whenWithdrawnBySomeoneElse_thenAlreadyWithdrawn() {
            fixture.given(detected(), identified("f1"),
                            new ContributingFactorWithdrawn(ID, at(55), BOB, "f1", null))
                    .when(new WithdrawContributingFactor(ID, at(56), ALICE, "f1", null))
                    .expectException(violationOf(Rule.CONTRIBUTING_FACTOR_ALREADY_WITHDRAWN))
                    .expectNoEvents();
        }

        @Test
        void givenWithdrawnFactor_whenIdentifiedAgainUnderItsId_thenFactorAlreadyIdentified() {
            fixture.given(detected(), identified("f1"),
                            new ContributingFactorWithdrawn(ID, at(55), BOB, "f1", null))
                    .when(identify("f1", "a traffic surge", null))
                    .expectException(violationOf(Rule.CONTRIBUTING_FACTOR_ALREADY_IDENTIFIED))
                    .expectNoEvents();
        }

        @Test
        void givenWithdrawnFactor_whenIdenticalWithdrawalRetried_thenNothingIsRecorded() {
            WithdrawContributingFactor withdraw = new WithdrawContributingFactor(ID, at(55), BOB, "f1", null);
            fixture.givenCommands(detect(), identify("f1", "a traffic surge", null), withdraw)
                    .when(withdraw)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Reopening {

        @Test
        void givenResolvedIncident_whenReopen_thenIncidentReopened() {
            fixture.given(detected(), resolved())
                    .when(new Reopen(ID, at(45), BOB, "errors are back"))
                    .expectEvents(new IncidentReopened(ID, at(45), BOB, "errors are back"));
        }

        @Test
        void givenOpenIncident_whenReopen_thenIncidentNotResolved() {
            fixture.given(detected())
                    .when(new Reopen(ID, at(45), BOB, "errors are back"))
                    .expectException(violationOf(Rule.INCIDENT_NOT_RESOLVED))
                    .expectNoEvents();
        }

        @Test
        void givenMitigatedIncident_whenReopen_thenIncidentNotResolved() {
            fixture.given(detected(), mitigated())
                    .when(new Reopen(ID, at(45), BOB, "errors are back"))
                    .expectException(violationOf(Rule.INCIDENT_NOT_RESOLVED))
                    .expectNoEvents();
        }

        @Test
        void givenResolvedIncident_whenReopenBeforeTheResolution_thenBeforeResolution() {
            fixture.given(detected(), resolved())
                    .when(new Reopen(ID, at(39), BOB, "errors are back"))
                    .expectException(violationOf(Rule.BEFORE_RESOLUTION))
                    .expectNoEvents();
        }

        @Test
        void givenReopenedIncident_whenResolveWithTheSameWordsAsBefore_thenIncidentResolvedAgain() {
            Resolve resolveNow = new Resolve(ID, null, BOB, "pool size raised");
            fixture.givenCommands(detect(), resolveNow, new Reopen(ID, null, BOB, "errors are back"))
                    .when(resolveNow)
                    .expectEvents(new IncidentResolved(ID, NOW, BOB, "pool size raised"));
        }

        @Test
        void givenReopenedIncident_whenMitigateWithTheSameWordsAsBefore_thenIncidentMitigatedAgain() {
            Mitigate mitigateNow = new Mitigate(ID, null, BOB, "traffic drained to the other region");
            fixture.givenCommands(detect(), mitigateNow, new Resolve(ID, null, BOB, "pool size raised"),
                            new Reopen(ID, null, BOB, "errors are back"))
                    .when(mitigateNow)
                    .expectEvents(new IncidentMitigated(ID, NOW, BOB, "traffic drained to the other region"));
        }

        @Test
        void givenReopenedIncident_whenIdenticalReopen_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), resolve("pool size raised"), new Reopen(ID, at(45), BOB, "errors"))
                    .when(new Reopen(ID, at(45), BOB, "errors"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenResolvedAgainAfterReopen_whenReopenWithTheSameWordsAsBefore_thenIncidentReopenedAgain() {
            Reopen reopenNow = new Reopen(ID, null, BOB, "errors are back");
            fixture.givenCommands(detect(), new Resolve(ID, null, BOB, "pool size raised"), reopenNow,
                            new Resolve(ID, null, BOB, "pool size raised twice"))
                    .when(reopenNow)
                    .expectEvents(new IncidentReopened(ID, NOW, BOB, "errors are back"));
        }

        @Test
        void givenReopenedIncident_whenRecordHypothesis_thenHypothesisRecorded() {
            fixture.given(detected(), resolved(), new IncidentReopened(ID, at(45), BOB, "errors are back"))
                    .when(new RecordHypothesis(ID, at(50), BOB, "h1", STATEMENT, null))
                    .expectEvents(new HypothesisRecorded(ID, at(50), BOB, "h1", STATEMENT, null));
        }
    }

    @Nested
    class Retries {

        @Test
        void givenDetectedIssue_whenCommand_thenEventCarriesTheRequestFingerprint() {
            AddNote note = addNote("n1", "customers notified");
            fixture.given(detected())
                    .when(note)
                    .expectEvents(withMetaData(new NoteAdded(ID, at(25), BOB, "n1", "customers notified"),
                            fingerprintOf(note)));
        }

        @Test
        void givenNoPriorActivity_whenCommandWithIdempotencyKey_thenEventCarriesKeyAndFingerprint() {
            fixture.givenNoPriorActivity()
                    .when(detect(), Map.of(RequestMetaData.IDEMPOTENCY_KEY, "k1"))
                    .expectEvents(withMetaData(detected(), MetaData.from(fingerprintOf(detect()))
                            .and(RequestMetaData.IDEMPOTENCY_KEY, "k1")));
        }

        @Test
        void givenCommandWithIdempotencyKey_whenSameKeyAndSameCommand_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), withKey(addNote("n1", "customers notified"), "k1"))
                    .when(addNote("n1", "customers notified"), Map.of(RequestMetaData.IDEMPOTENCY_KEY, "k1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenCommandWithIdempotencyKey_whenSameKeyWithOtherCommand_thenIdempotencyKeyReused() {
            fixture.givenCommands(detect(), withKey(addNote("n1", "customers notified"), "k1"))
                    .when(addNote("n2", "status page updated"), Map.of(RequestMetaData.IDEMPOTENCY_KEY, "k1"))
                    .expectException(violationOf(Rule.IDEMPOTENCY_KEY_REUSED))
                    .expectNoEvents();
        }

        @Test
        void givenKeyedSeverityChangeSuperseded_whenRetriedWithItsKey_thenNothingIsRecorded() {
            fixture.givenCommands(detect(),
                            withKey(changeSeverity(Severity.SEV1), "k1"),
                            withKey(new ChangeSeverity(ID, at(35), BOB, Severity.SEV3, "mitigated"), "k2"))
                    .when(changeSeverity(Severity.SEV1), Map.of(RequestMetaData.IDEMPOTENCY_KEY, "k1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenSeverityChangeSuperseded_whenRepeatedWithoutKey_thenRecordedAgain() {
            fixture.givenCommands(detect(), changeSeverity(Severity.SEV1),
                            new ChangeSeverity(ID, at(35), BOB, Severity.SEV3, "mitigated"))
                    .when(changeSeverity(Severity.SEV1))
                    .expectEvents(new SeverityChanged(ID, at(15), BOB, Severity.SEV3, Severity.SEV1,
                            "checkout is down for everyone"));
        }

        @Test
        void givenChangedSeverity_whenIdenticalChangeSeverity_thenNothingIsRecorded() {
            fixture.givenCommands(detect(), changeSeverity(Severity.SEV1))
                    .when(changeSeverity(Severity.SEV1))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenStoredEventsWithFingerprint_whenIdenticalDetectIssue_thenNothingIsRecorded() {
            fixture.given(new GenericDomainEventMessage<>("Incident", ID, 0, detected(), fingerprintOf(detect())))
                    .when(detect())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenStoredEventsWithFingerprint_whenIdenticalRuleOut_thenNothingIsRecorded() {
            RuleOutHypothesis ruleOut = ruleOut("h1", "pool at 10% usage");
            fixture.given(detected(),
                            withMetaData(hypothesisRecorded("h1"), fingerprintOf(recordHypothesis("h1", STATEMENT))),
                            withMetaData(hypothesisRuledOut("h1"), fingerprintOf(ruleOut)))
                    .when(ruleOut)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenStoredEventsWithIdempotencyKey_whenSameKeyWithOtherCommand_thenIdempotencyKeyReused() {
            AddNote note = addNote("n1", "customers notified");
            fixture.given(detected(), withMetaData(new NoteAdded(ID, at(25), BOB, "n1", "customers notified"),
                            MetaData.from(fingerprintOf(note)).and(RequestMetaData.IDEMPOTENCY_KEY, "k1")))
                    .when(escalate("team-db"), Map.of(RequestMetaData.IDEMPOTENCY_KEY, "k1"))
                    .expectException(violationOf(Rule.IDEMPOTENCY_KEY_REUSED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Importing {

        private static final String COPY = "copy-1";

        private final HypothesisRecorded recorded =
                new HypothesisRecorded(ID, at(10), BOB, "h-db", STATEMENT, "db");
        private final HypothesisRuledOut ruledOut =
                new HypothesisRuledOut(ID, at(20), BOB, "h-db", "pool metrics are flat");

        @Test
        void givenNoPriorActivity_whenImportingAHistory_thenEveryFactIsRecordedUnderTheNewId() {
            fixture.givenNoPriorActivity()
                    .when(new ImportIncident(COPY, List.of(detected(), recorded, ruledOut)))
                    .expectEvents(
                            new IssueDetected(COPY, DETECTED, BOT, TITLE, DESCRIPTION, Severity.SEV2, "prometheus",
                                    IMPACT_STARTED, SERVICES, 30, false),
                            new HypothesisRecorded(COPY, at(10), BOB, "h-db", STATEMENT, "db"),
                            new HypothesisRuledOut(COPY, at(20), BOB, "h-db", "pool metrics are flat"));
        }

        @Test
        void givenAnExistingIncident_whenImportingUnderItsId_thenIncidentAlreadyExists() {
            fixture.given(detected())
                    .when(new ImportIncident(ID, List.of(detected())))
                    .expectException(violationOf(Rule.INCIDENT_ALREADY_EXISTS))
                    .expectNoEvents();
        }

        @Test
        void givenNoPriorActivity_whenTheHistoryDoesNotStartWithDetection_thenRejected() {
            fixture.givenNoPriorActivity()
                    .when(new ImportIncident(COPY, List.of(recorded)))
                    .expectException(violationOf(Rule.HISTORY_MUST_START_WITH_DETECTION))
                    .expectNoEvents();
        }

        @Test
        void givenNoPriorActivity_whenAFactBreaksARule_thenNothingIsRecorded() {
            fixture.givenNoPriorActivity()
                    .when(new ImportIncident(COPY, List.of(detected(), ruledOut)))
                    .expectException(violationOf(Rule.UNKNOWN_HYPOTHESIS))
                    .expectNoEvents();
        }
    }
}
