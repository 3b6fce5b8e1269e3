package dev.blackbox.command.escalation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.blackbox.command.incident.Escalate;
import dev.blackbox.command.incident.RequestMetaData;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.Severity;
import dev.blackbox.events.SeverityChanged;
import dev.blackbox.events.SpokenDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Watches an incident that an escalation policy covers: one stored deadline per step, each escalating
 * the incident to the step's target unless the policy's {@code until} was reached first. The saga
 * starts at detection, or when the severity is raised into a policy's (then the steps count from the
 * change, and the saga learns what happened before from the incident's history). A back-dated
 * detection's steps that are already due fire at once. Drills are never escalated.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class EscalationSaga {

    static final String PROCESSOR = "EscalationSagaProcessor";
    static final String STEP_DUE = "escalation-step-due";
    /** Who the escalations are recorded by. */
    public static final String RECORDED_BY = "escalation-policy";

    private static final Logger log = LoggerFactory.getLogger(EscalationSaga.class);

    /** A step of a policy that became due at {@code dueAt}, counted from {@code since}. */
    record StepDue(int policy, int step, Instant since, Instant dueAt) {
    }

    private transient CommandGateway commandGateway;
    private transient DeadlineManager deadlineManager;
    private transient EventStore eventStore;
    private transient EscalationProperties properties;

    private String incidentId;
    private Severity severity;
    private Set<String> services = new LinkedHashSet<>();
    private boolean drill;
    private boolean acknowledged;
    private boolean mitigated;
    private Set<Integer> startedPolicies = new HashSet<>();
    private int pendingSteps;

    @Autowired
    void setCommandGateway(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Autowired
    void setDeadlineManager(DeadlineManager deadlineManager) {
        this.deadlineManager = deadlineManager;
    }

    @Autowired
    void setEventStore(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Autowired
    void setProperties(EscalationProperties properties) {
        this.properties = properties;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "incidentId")
    void on(IssueDetected event) {
        incidentId = event.incidentId();
        severity = event.severity();
        services.addAll(event.affectedServices());
        drill = event.drill();
        watch(event.occurredAt());
    }

    /** A raise into a policy's severities starts that policy then, as an on-call engineer would expect. */
    @StartSaga
    @SagaEventHandler(associationProperty = "incidentId")
    void on(SeverityChanged event) {
        if (properties.policies().isEmpty()) {
            SagaLifecycle.end();
            return;
        }
        if (incidentId == null) {
            learn(event.incidentId());
        }
        severity = event.severity();
        watch(event.occurredAt());
    }

    @SagaEventHandler(associationProperty = "incidentId")
    void on(IncidentAcknowledged event) {
        acknowledged = true;
        endWhenNothingIsDue();
    }

    @SagaEventHandler(associationProperty = "incidentId")
    void on(IncidentMitigated event) {
        mitigated = true;
        endWhenNothingIsDue();
    }

    @SagaEventHandler(associationProperty = "incidentId")
    void on(IncidentResolved event) {
        mitigated = true;
        endWhenNothingIsDue();
    }

    /**
     * Sent with an idempotency key of the incident's policy and step, and the step's due time as the
     * fact's time, so a deadline that fires twice records one escalation.
     */
    @DeadlineHandler(deadlineName = STEP_DUE)
    void due(StepDue due) {
        pendingSteps--;
        List<EscalationProperties.Policy> policies = properties.policies();
        if (due.policy() < policies.size() && due.step() < policies.get(due.policy()).steps().size()
                && !reached(policies.get(due.policy()).until())) {
            EscalationProperties.Policy policy = policies.get(due.policy());
            EscalationProperties.Step step = policy.steps().get(due.step());
            String reason = "not " + policy.until().name().toLowerCase(Locale.ROOT) + " within "
                    + SpokenDuration.of(Duration.between(due.since(), due.dueAt()).toSeconds());
            Escalate escalate = new Escalate(incidentId, due.dueAt(), RECORDED_BY, step.target(), reason);
            String key = RECORDED_BY + ":" + due.policy() + ":" + due.step() + ":" + due.since();
            commandGateway.send(GenericCommandMessage.asCommandMessage(escalate)
                            .andMetaData(Map.of(RequestMetaData.IDEMPOTENCY_KEY, key)))
                    .exceptionally(failure -> {
                        log.warn("Escalation policy {} could not escalate {} to {}: {}", due.policy(), incidentId,
                                step.target(), failure.getMessage());
                        return null;
                    });
        }
        endWhenNothingIsDue();
    }

    /**
     * What the incident's history says so far, for a saga started by a severity change; the saga's own
     * handlers follow from here.
     */
    private void learn(String id) {
        incidentId = id;
        eventStore.readEvents(id).asStream().map(message -> message.getPayload()).forEach(fact -> {
            if (fact instanceof IssueDetected detected) {
                severity = detected.severity();
                services.addAll(detected.affectedServices());
                drill = detected.drill();
            } else if (fact instanceof SeverityChanged changed) {
                severity = changed.severity();
            } else if (fact instanceof ImpactAssessed assessed) {
                services.addAll(assessed.affectedServices());
            } else if (fact instanceof IncidentAcknowledged) {
                acknowledged = true;
            } else if (fact instanceof IncidentMitigated || fact instanceof IncidentResolved) {
                mitigated = true;
            }
        });
    }

    /** Starts every policy that now covers the incident and has not started, its steps counted from {@code since}. */
    private void watch(Instant since) {
        List<EscalationProperties.Policy> policies = properties.policies();
        for (int p = 0; p < policies.size() && !drill; p++) {
            EscalationProperties.Policy policy = policies.get(p);
            if (startedPolicies.contains(p) || reached(policy.until())
                    || !policy.matches(severity, new ArrayList<>(services))) {
                continue;
            }
            startedPolicies.add(p);
            for (int s = 0; s < policy.steps().size(); s++) {
                Instant dueAt = since.plus(policy.steps().get(s).after());
                deadlineManager.schedule(dueAt, STEP_DUE, new StepDue(p, s, since, dueAt));
                pendingSteps++;
            }
        }
        endWhenNothingIsDue();
    }

    private boolean reached(EscalationProperties.Until until) {
        return mitigated || (until == EscalationProperties.Until.ACKNOWLEDGED && acknowledged);
    }

    /** Ends once no started policy can escalate any more, cancelling the steps still waiting. */
    private void endWhenNothingIsDue() {
        boolean watching = pendingSteps > 0 && startedPolicies.stream()
                .anyMatch(p -> p < properties.policies().size() && !reached(properties.policies().get(p).until()));
        if (watching) {
            return;
        }
        if (pendingSteps > 0) {
            deadlineManager.cancelAllWithinScope(STEP_DUE);
        }
        SagaLifecycle.end();
    }
}
