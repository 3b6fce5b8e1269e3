package dev.blackbox.query.investigation;

import java.util.List;

/**
 * What was suspected, tried and found. Hypotheses and actions are in the order they happened;
 * every action also appears under the hypothesis it tested. Contributing factors are in the order
 * they were identified, withdrawn ones included.
 */
public record InvestigationView(
        String incidentId,
        List<HypothesisView> hypotheses,
        List<ActionView> actions,
        List<EscalationView> escalations,
        RootCauseView rootCause,
        List<MisleadingPathView> misleadingPaths,
        List<ContributingFactorView> contributingFactors) {

    public InvestigationView {
        hypotheses = List.copyOf(hypotheses);
        actions = List.copyOf(actions);
        escalations = List.copyOf(escalations);
        misleadingPaths = List.copyOf(misleadingPaths);
        contributingFactors = List.copyOf(contributingFactors);
    }

    /** The factors that were not withdrawn. */
    public List<ContributingFactorView> standingFactors() {
        return contributingFactors.stream().filter(ContributingFactorView::standing).toList();
    }
}
