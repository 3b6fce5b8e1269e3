package dev.blackbox.query.investigation;

import java.util.List;

/**
 * What was suspected, tried and found. Hypotheses and actions are in the order they happened;
 * every action also appears under the hypothesis it tested.
 */
public record InvestigationView(
        String incidentId,
        List<HypothesisView> hypotheses,
        List<ActionView> actions,
        List<EscalationView> escalations,
        RootCauseView rootCause,
        List<MisleadingPathView> misleadingPaths) {

    public InvestigationView {
        hypotheses = List.copyOf(hypotheses);
        actions = List.copyOf(actions);
        escalations = List.copyOf(escalations);
        misleadingPaths = List.copyOf(misleadingPaths);
    }
}
