package dev.blackbox.query.postmortem;

import dev.blackbox.events.Severity;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.investigation.ContributingFactorView;
import dev.blackbox.query.investigation.EscalationView;
import dev.blackbox.query.investigation.HypothesisView;
import dev.blackbox.query.investigation.MisleadingPathView;
import dev.blackbox.query.metrics.IncidentMetricsView;

import java.time.Instant;
import java.util.List;

/**
 * The postmortem as structured data, section by section in SPEC §6 order; the Markdown and HTML
 * documents are renderings of exactly this. {@code draft} is true until the incident is resolved.
 * {@code hypotheses} carries every hypothesis for the timeline diagram. {@code contributingFactors}
 * are the factors next to the root cause that were not withdrawn.
 */
public record PostmortemView(
        String incidentId,
        String title,
        boolean draft,
        boolean drill,
        IncidentStatus status,
        Severity severity,
        Instant generatedAt,
        IssueSummaryView issueSummary,
        List<TimelineDayView> timeline,
        List<MisleadingPathView> misleadingPaths,
        List<EscalationView> escalations,
        RootCauseAndResolutionView rootCauseAndResolution,
        List<ContributingFactorView> contributingFactors,
        List<CorrectiveMeasureView> correctiveMeasures,
        IncidentMetricsView metrics,
        ConclusionView conclusion,
        List<HypothesisView> hypotheses) {

    public PostmortemView {
        timeline = List.copyOf(timeline);
        misleadingPaths = List.copyOf(misleadingPaths);
        escalations = List.copyOf(escalations);
        contributingFactors = List.copyOf(contributingFactors);
        correctiveMeasures = List.copyOf(correctiveMeasures);
        hypotheses = List.copyOf(hypotheses);
    }

    /** Whether the timeline covers more than one UTC day, in which case it reads best grouped by day. */
    public boolean spansDays() {
        return timeline.size() > 1;
    }
}
