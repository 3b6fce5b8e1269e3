package dev.blackbox.query.postmortem;

import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.query.Phrases;
import dev.blackbox.query.investigation.EscalationView;
import dev.blackbox.query.investigation.MisleadingPathView;
import dev.blackbox.query.investigation.RootCauseView;
import dev.blackbox.query.metrics.IncidentMetricsView;
import dev.blackbox.query.timeline.TimelineEntryView;

import java.util.List;

/** Renders a postmortem as Markdown, the default format: section headings as in SPEC §6. */
public final class MarkdownPostmortem {

    private MarkdownPostmortem() {
    }

    public static String render(PostmortemView postmortem) {
        StringBuilder md = new StringBuilder(4096);
        md.append("# Postmortem: ").append(inline(postmortem.title())).append("\n\n");
        md.append("Incident `").append(postmortem.incidentId().replace("`", "'")).append("` · ")
                .append(postmortem.severity()).append(" · ").append(PostmortemText.status(postmortem))
                .append(postmortem.drill() ? " · training drill" : "")
                .append(" · generated ").append(Wording.dateTime(postmortem.generatedAt())).append("\n\n");
        if (postmortem.draft()) {
            md.append("> **Draft:** ").append(PostmortemText.DRAFT_NOTICE).append("\n\n");
        }
        issueSummary(md, postmortem);
        timeline(md, postmortem);
        misleadingPaths(md, postmortem);
        escalations(md, postmortem);
        rootCauseAndResolution(md, postmortem);
        correctiveMeasures(md, postmortem);
        metrics(md, postmortem);
        if (postmortem.conclusion() != null) {
            md.append("## Conclusion\n\n").append(postmortem.conclusion().text().strip()).append("\n\n*")
                    .append(inline(postmortem.conclusion().writtenBy())).append(", ")
                    .append(Wording.date(postmortem.conclusion().writtenAt())).append("*\n");
        }
        return md.toString();
    }

    private static void issueSummary(StringBuilder md, PostmortemView postmortem) {
        IssueSummaryView summary = postmortem.issueSummary();
        md.append("## Issue Summary\n\n");
        md.append("- **Duration:** ").append(PostmortemText.duration(summary)).append('\n');
        md.append("- **Impact:** ").append(inline(PostmortemText.impact(summary))).append('\n');
        md.append("- **Affected services:** ").append(summary.affectedServices().isEmpty()
                ? "none recorded" : inline(String.join(", ", summary.affectedServices()))).append('\n');
        md.append("- **Severity:** ").append(summary.severity()).append('\n');
        md.append("- **Detection:** ").append(inline(PostmortemText.detection(summary))).append('\n');
        md.append("- **Root cause:** ").append(summary.rootCause() == null
                ? PostmortemText.NO_ROOT_CAUSE : inline(summary.rootCause())).append("\n\n");
    }

    private static void timeline(StringBuilder md, PostmortemView postmortem) {
        md.append("## Timeline\n\n");
        if (postmortem.spansDays()) {
            md.append("All times in UTC.\n\n");
            for (TimelineDayView day : postmortem.timeline()) {
                md.append("### ").append(day.date()).append("\n\n");
                for (TimelineEntryView entry : day.entries()) {
                    timelineEntry(md, Wording.time(entry.occurredAt()), entry);
                }
                md.append('\n');
            }
            return;
        }
        for (TimelineDayView day : postmortem.timeline()) {
            for (TimelineEntryView entry : day.entries()) {
                timelineEntry(md, Wording.dateTime(entry.occurredAt()), entry);
            }
        }
        md.append('\n');
    }

    private static void timelineEntry(StringBuilder md, String when, TimelineEntryView entry) {
        md.append("- **").append(when).append("** ").append(inline(entry.text()));
        if (entry.actor() != null) {
            md.append(" · *").append(inline(entry.actor())).append('*');
        }
        md.append('\n');
    }

    private static void misleadingPaths(StringBuilder md, PostmortemView postmortem) {
        md.append("## Misleading investigation paths\n\n");
        if (postmortem.misleadingPaths().isEmpty()) {
            md.append(PostmortemText.NO_MISLEADING_PATHS).append("\n\n");
            return;
        }
        for (MisleadingPathView path : postmortem.misleadingPaths()) {
            md.append("- ").append(inline(PostmortemText.misleadingPath(path, postmortem))).append('\n');
        }
        if (postmortem.metrics() != null) {
            md.append("\nTime lost on ruled-out hypotheses: ")
                    .append(Wording.duration(postmortem.metrics().timeOnMisleadingPathsSeconds())).append(".\n");
        }
        md.append('\n');
    }

    private static void escalations(StringBuilder md, PostmortemView postmortem) {
        md.append("## Escalations\n\n");
        if (postmortem.escalations().isEmpty()) {
            md.append(PostmortemText.NO_ESCALATIONS).append("\n\n");
            return;
        }
        for (EscalationView escalation : postmortem.escalations()) {
            md.append("- **").append(inline(escalation.target())).append("** ")
                    .append(inline(PostmortemText.escalation(escalation))).append('\n');
        }
        md.append('\n');
    }

    private static void rootCauseAndResolution(StringBuilder md, PostmortemView postmortem) {
        RootCauseAndResolutionView section = postmortem.rootCauseAndResolution();
        RootCauseView rootCause = section.rootCause();
        md.append("## Root Cause and Resolution\n\n");
        if (rootCause == null) {
            md.append("**Root cause:** ").append(PostmortemText.NO_ROOT_CAUSE).append(".\n\n");
        } else {
            md.append("**Root cause** (").append(Phrases.category(rootCause.category())).append("), ")
                    .append(inline(PostmortemText.identified(rootCause, postmortem))).append(": ")
                    .append(inline(rootCause.summary())).append("\n\n");
            if (section.confirmedHypothesis() != null) {
                md.append("Confirmed hypothesis: \"").append(inline(section.confirmedHypothesis())).append('"');
                if (section.confirmationEvidence() != null) {
                    md.append(" — ").append(inline(section.confirmationEvidence()));
                }
                md.append("\n\n");
            }
        }
        md.append("**Mitigation:** ").append(inline(PostmortemText.mitigation(section))).append("\n\n");
        md.append("**Resolution:** ").append(inline(PostmortemText.resolution(section))).append("\n\n");
    }

    private static void correctiveMeasures(StringBuilder md, PostmortemView postmortem) {
        md.append("## Corrective and Preventative Measures\n\n");
        if (postmortem.correctiveMeasures().isEmpty()) {
            md.append(PostmortemText.NO_CORRECTIVE_MEASURES).append("\n\n");
            return;
        }
        for (CorrectiveActionKind kind : List.of(CorrectiveActionKind.IMPROVEMENT, CorrectiveActionKind.TASK)) {
            List<CorrectiveMeasureView> measures = postmortem.correctiveMeasures().stream()
                    .filter(m -> m.kind() == kind).toList();
            if (measures.isEmpty()) {
                continue;
            }
            md.append("### ").append(kind == CorrectiveActionKind.IMPROVEMENT ? "Improvements" : "Tasks").append("\n\n");
            for (CorrectiveMeasureView measure : measures) {
                md.append("- ").append(inline(measure.description())).append(" — ")
                        .append(inline(PostmortemText.measureDetails(measure))).append('\n');
            }
            md.append('\n');
        }
    }

    private static void metrics(StringBuilder md, PostmortemView postmortem) {
        md.append("## Metrics\n\n");
        IncidentMetricsView metrics = postmortem.metrics();
        if (metrics == null) {
            md.append(PostmortemText.NO_METRICS).append("\n\n");
            return;
        }
        md.append("| Metric | Value |\n| --- | --- |\n");
        for (String[] row : PostmortemText.metricRows(metrics)) {
            md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
        }
        md.append('\n');
    }

    /** Keeps user text on one line so it cannot break the list or table it sits in. */
    private static String inline(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
