package dev.blackbox.command.training;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.blackbox.events.DrillRevealed;
import dev.blackbox.events.DrillStarted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import dev.blackbox.command.incident.Rule;
import dev.blackbox.command.incident.RuleViolation;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A training drill: which incident it replays, onto which drill incident, and whether it was revealed. */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Drill {

    @AggregateIdentifier
    private String drillId;
    private StartDrill startedBy;
    private boolean revealed;

    Drill() {
        // required by Axon to rebuild from events
    }

    /** Starting the same drill again is a retry; reusing its id for another drill is refused. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartDrill command) {
        if (drillId != null) {
            if (command.equals(startedBy)) {
                return;
            }
            throw new RuleViolation(Rule.DRILL_ALREADY_EXISTS, "drill " + command.drillId() + " already exists");
        }
        apply(new DrillStarted(command.drillId(), command.incidentId(), command.sourceIncidentId(), command.speed(),
                GenericEventMessage.clock.instant(), command.startedBy()));
    }

    /** Revealing twice changes nothing: the answer is already out, and a retried request must not fail. */
    @CommandHandler
    void handle(RevealDrill command) {
        if (!revealed) {
            apply(new DrillRevealed(drillId, GenericEventMessage.clock.instant(), command.revealedBy()));
        }
    }

    @EventSourcingHandler
    void on(DrillStarted event) {
        drillId = event.drillId();
        startedBy = new StartDrill(event.drillId(), event.incidentId(), event.sourceIncidentId(), event.speed(),
                event.startedBy());
    }

    @EventSourcingHandler
    void on(DrillRevealed event) {
        revealed = true;
    }
}
