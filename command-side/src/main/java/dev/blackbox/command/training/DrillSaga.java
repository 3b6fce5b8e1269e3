package dev.blackbox.command.training;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.blackbox.command.incident.DetectIssue;
import dev.blackbox.command.incident.IncidentCommand;
import dev.blackbox.command.incident.IncidentHistory;
import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.ContributingFactorWithdrawn;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.CorrectiveActionCompleted;
import dev.blackbox.events.DrillRevealed;
import dev.blackbox.events.DrillSpeed;
import dev.blackbox.events.DrillStarted;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.RootCauseIdentified;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Replays a past incident onto a drill incident: each fact of the source is recorded on the drill
 * when its re-timed moment comes (a deadline waits for it), except the facts that give the answer
 * away: confirmations, the root cause, the fix, mitigation, resolution and what came after. Those
 * are held back until the trainees suspect the component the original team confirmed, or the
 * trainer reveals the drill.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class DrillSaga {

    static final String RELEASE_DEADLINE = "release-due-facts";

    private static final Logger log = LoggerFactory.getLogger(DrillSaga.class);

    private transient CommandGateway commandGateway;
    private transient EventStore eventStore;
    private transient DeadlineManager deadlineManager;

    private String drillId;
    private String incidentId;
    private String sourceIncidentId;
    private DrillSpeed speed;
    private Instant startedAt;
    private Instant sourceDetectedAt;
    private long nextSequence;
    private boolean sourceExhausted;
    private boolean answerReleased;
    private List<Long> heldBack = new ArrayList<>();
    private Map<Long, Instant> heldBackDueAt = new HashMap<>();
    private Set<String> sourceHypothesisIds = new HashSet<>();
    private Set<String> answerComponents = new HashSet<>();

    @Autowired
    void setCommandGateway(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Autowired
    void setEventStore(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Autowired
    void setDeadlineManager(DeadlineManager deadlineManager) {
        this.deadlineManager = deadlineManager;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "drillId")
    void on(DrillStarted event, @Timestamp Instant now) {
        drillId = event.drillId();
        incidentId = event.incidentId();
        sourceIncidentId = event.sourceIncidentId();
        speed = event.speed();
        startedAt = event.startedAt();
        SagaLifecycle.associateWith("incidentId", incidentId);
        learnTheAnswer();
        releaseDueFacts(now);
    }

    /** A deadline message is stamped with its trigger time: the moment the next fact was due. */
    @DeadlineHandler(deadlineName = RELEASE_DEADLINE)
    void releaseDueFacts(@Timestamp Instant now) {
        List<IncidentCommand> due = new ArrayList<>();
        while (!sourceExhausted) {
            DomainEventStream next = eventStore.readEvents(sourceIncidentId, nextSequence);
            if (!next.hasNext()) {
                sourceExhausted = true;
                break;
            }
            DomainEventMessage<?> message = next.next();
            IncidentEvent fact = (IncidentEvent) message.getPayload();
            Instant dueAt = dueAt(fact);
            if (dueAt.isAfter(now)) {
                deadlineManager.schedule(dueAt, RELEASE_DEADLINE);
                break;
            }
            if (!answerReleased && givesTheAnswerAway(fact)) {
                heldBack.add(message.getSequenceNumber());
                heldBackDueAt.put(message.getSequenceNumber(), dueAt);
            } else {
                due.add(replayed(fact, dueAt));
            }
            nextSequence = message.getSequenceNumber() + 1;
        }
        dispatch(due);
        endWhenDone();
    }

    /** A trainee suspecting the component the original team confirmed has found the answer. */
    @SagaEventHandler(associationProperty = "incidentId")
    void on(HypothesisRecorded event, @Timestamp Instant now) {
        boolean trainees = !sourceHypothesisIds.contains(event.hypothesisId());
        if (trainees && event.suspectedComponent() != null
                && answerComponents.contains(event.suspectedComponent().toLowerCase(Locale.ROOT))) {
            releaseTheAnswer(now);
        }
    }

    @SagaEventHandler(associationProperty = "drillId")
    void on(DrillRevealed event, @Timestamp Instant now) {
        releaseTheAnswer(now);
    }

    private void releaseTheAnswer(Instant now) {
        if (answerReleased) {
            return;
        }
        answerReleased = true;
        List<IncidentCommand> answer = new ArrayList<>();
        for (Long sequence : heldBack) {
            DomainEventMessage<?> message = eventStore.readEvents(sourceIncidentId, sequence).next();
            Instant dueAt = heldBackDueAt.get(sequence);
            answer.add(replayed((IncidentEvent) message.getPayload(), dueAt.isBefore(now) ? dueAt : now));
        }
        dispatch(answer);
        heldBack.clear();
        heldBackDueAt.clear();
        endWhenDone();
    }

    private void endWhenDone() {
        if (sourceExhausted && heldBack.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    /** Reads the source once to know its start, its hypotheses and the component that was the answer. */
    private void learnTheAnswer() {
        Map<String, String> components = new HashMap<>();
        eventStore.readEvents(sourceIncidentId, 0).asStream().forEach(message -> {
            Object fact = message.getPayload();
            if (fact instanceof IssueDetected detected) {
                sourceDetectedAt = detected.occurredAt();
            } else if (fact instanceof HypothesisRecorded recorded) {
                sourceHypothesisIds.add(recorded.hypothesisId());
                if (recorded.suspectedComponent() != null) {
                    components.put(recorded.hypothesisId(), recorded.suspectedComponent().toLowerCase(Locale.ROOT));
                }
            } else if (fact instanceof HypothesisConfirmed confirmed && components.containsKey(confirmed.hypothesisId())) {
                answerComponents.add(components.get(confirmed.hypothesisId()));
            } else if (fact instanceof RootCauseIdentified rootCause && rootCause.hypothesisId() != null
                    && components.containsKey(rootCause.hypothesisId())) {
                answerComponents.add(components.get(rootCause.hypothesisId()));
            }
        });
    }

    /** The source's time since detection, compressed by the drill's speed, after the drill's start. */
    private Instant dueAt(IncidentEvent fact) {
        if (speed == DrillSpeed.INSTANT) {
            return startedAt;
        }
        Duration sinceDetection = Duration.between(sourceDetectedAt, fact.occurredAt());
        return startedAt.plus(sinceDetection.dividedBy(speed.factor()));
    }

    private IncidentCommand replayed(IncidentEvent fact, Instant at) {
        IncidentCommand command = IncidentHistory.commandFor(fact, incidentId, at);
        if (command instanceof DetectIssue detect) {
            return new DetectIssue(detect.incidentId(), detect.occurredAt(), detect.recordedBy(), detect.title(),
                    detect.description(), detect.severity(), detect.detectedBy(), detect.impactStartedAt(),
                    detect.affectedServices(), detect.userImpactPercent(), true);
        }
        return command;
    }

    /**
     * Sent from within this handler: the facts are stored when the saga's progress is, in one
     * transaction. The trainees own the drill incident, so a fact their own actions made impossible
     * (say, they resolved it already) is skipped rather than stopping the replay; Axon leaves the
     * transaction it did not start alone when such a nested command fails.
     */
    private void dispatch(List<IncidentCommand> commands) {
        for (IncidentCommand command : commands) {
            commandGateway.send(command).exceptionally(failure -> {
                log.info("Drill {} skipped a fact of {}: {}", drillId, sourceIncidentId, failure.getMessage());
                return null;
            });
        }
    }

    static boolean givesTheAnswerAway(IncidentEvent fact) {
        return fact instanceof HypothesisConfirmed
                || fact instanceof RootCauseIdentified
                || fact instanceof IncidentMitigated
                || fact instanceof IncidentResolved
                || fact instanceof IncidentReopened
                || fact instanceof CorrectiveActionAdded
                || fact instanceof CorrectiveActionCompleted
                || fact instanceof ConclusionWritten
                || fact instanceof ContributingFactorIdentified
                || fact instanceof ContributingFactorWithdrawn
                || fact instanceof ActionTaken action && action.outcome() == ActionOutcome.RESOLVED_ISSUE;
    }
}
