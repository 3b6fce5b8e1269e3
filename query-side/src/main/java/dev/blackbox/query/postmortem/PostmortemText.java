package dev.blackbox.query.postmortem;

import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.query.Phrases;
import dev.blackbox.query.investigation.EscalationView;
import dev.blackbox.query.investigation.HypothesisView;
import dev.blackbox.query.investigation.MisleadingPathView;
import dev.blackbox.query.investigation.RootCauseView;
import dev.blackbox.query.metrics.IncidentMetricsView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sentences of the postmortem as plain text, shared by the Markdown and HTML renderings so
 * both say the same thing. Missing facts are said plainly instead of being guessed.
 */
final class PostmortemText {

    static final String DRAFT_NOTICE =
            "the incident is not resolved yet, so this postmortem is incomplete and changes as events arrive.";
    static final String NO_ROOT_CAUSE = "not identified yet";
    static final String NO_MISLEADING_PATHS =
            "None recorded: no hypothesis was ruled out and no action was without effect.";
    static final String NO_ESCALATIONS = "No escalations: nobody else was pulled in.";
    static final String NO_CORRECTIVE_MEASURES = "No corrective or preventative measures recorded yet.";
    static final String NO_METRICS = "Metrics are not available yet.";

    private PostmortemText() {
    }

    static String status(PostmortemView postmortem) {
        String status = postmortem.status().name().toLowerCase(Locale.ROOT);
        int reopened = postmortem.rootCauseAndResolution().reopenCount();
        return reopened == 0 ? status : status + ", reopened " + times(reopened);
    }

    static String factorKind(ContributingFactorKind kind) {
        return switch (kind) {
            case TRIGGER -> "Trigger";
            case CONTRIBUTOR -> "Contributor";
            case MITIGATOR -> "Mitigator";
            case RISK -> "Risk";
        };
    }

    static String duration(IssueSummaryView summary) {
        if (summary.ongoing()) {
            return "ongoing, " + Wording.duration(summary.durationSeconds()) + " so far since the impact started at "
                    + Wording.dateTime(summary.startedAt()) + " (not resolved yet)";
        }
        return Wording.duration(summary.durationSeconds()) + ", from " + Wording.dateTime(summary.startedAt())
                + " to " + Wording.dateTime(summary.endedAt());
    }

    static String impact(IssueSummaryView summary) {
        List<String> sentences = new ArrayList<>();
        if (summary.whatUsersSaw() != null && !summary.whatUsersSaw().isBlank()) {
            sentences.add(sentence(summary.whatUsersSaw()));
        }
        if (summary.impactAssessment() != null && !summary.impactAssessment().isBlank()) {
            sentences.add(sentence(summary.impactAssessment()));
        }
        sentences.add(summary.userImpactPercent() == null
                ? "Share of users affected not assessed."
                : Wording.percent(summary.userImpactPercent()) + " of users affected.");
        return String.join(" ", sentences);
    }

    static String detection(IssueSummaryView summary) {
        StringBuilder text = new StringBuilder("detected ").append(Wording.dateTime(summary.detectedAt()));
        if (summary.detectedBy() != null) {
            text.append(" by ").append(summary.detectedBy());
        }
        long undetected = Duration.between(summary.startedAt(), summary.detectedAt()).toSeconds();
        if (undetected > 0) {
            text.append(", ").append(Wording.duration(undetected)).append(" after the impact started");
        }
        if (summary.acknowledgedAt() == null) {
            text.append("; not acknowledged");
        } else {
            text.append("; acknowledged ").append(Wording.dateTime(summary.acknowledgedAt()));
            if (summary.acknowledgedBy() != null) {
                text.append(" by ").append(summary.acknowledgedBy());
            }
        }
        return text.toString();
    }

    static String misleadingPath(MisleadingPathView path, PostmortemView postmortem) {
        if (path.kind() == MisleadingPathView.Kind.RULED_OUT_HYPOTHESIS) {
            StringBuilder text = new StringBuilder("Hypothesis \"").append(path.description()).append("\", recorded ")
                    .append(Wording.dateTime(path.startedAt())).append(by(path.by()))
                    .append(", ruled out after ").append(Wording.duration(path.costSeconds()));
            if (path.evidence() != null && !path.evidence().isBlank()) {
                text.append(": ").append(path.evidence());
            }
            return text.toString();
        }
        StringBuilder text = new StringBuilder("Action \"").append(path.description()).append("\", ")
                .append(Wording.dateTime(path.startedAt())).append(by(path.by())).append(": ")
                .append(Phrases.outcome(path.outcome()));
        if (path.hypothesisId() != null) {
            text.append(" (while testing \"").append(statement(postmortem, path.hypothesisId())).append("\")");
        }
        return text.toString();
    }

    static String escalation(EscalationView escalation) {
        StringBuilder text = new StringBuilder("at ").append(Wording.dateTime(escalation.escalatedAt()))
                .append(by(escalation.escalatedBy()));
        if (escalation.reason() != null && !escalation.reason().isBlank()) {
            text.append(": ").append(escalation.reason());
        }
        return text.toString();
    }

    static String identified(RootCauseView rootCause, PostmortemView postmortem) {
        long afterDetection = Duration.between(postmortem.issueSummary().detectedAt(), rootCause.identifiedAt())
                .toSeconds();
        return "identified " + Wording.dateTime(rootCause.identifiedAt()) + by(rootCause.identifiedBy()) + ", "
                + Wording.duration(afterDetection) + " after detection";
    }

    static String mitigation(RootCauseAndResolutionView section) {
        if (section.mitigatedAt() != null) {
            return Wording.dateTime(section.mitigatedAt()) + optionalDetail(section.mitigation());
        }
        if (section.resolvedAt() != null) {
            return "no separate mitigation recorded; the resolution ended the impact.";
        }
        return "not mitigated yet.";
    }

    static String resolution(RootCauseAndResolutionView section) {
        if (section.resolvedAt() != null) {
            String reopened = section.reopenCount() == 0 ? ""
                    : " (final resolution, after being reopened " + times(section.reopenCount()) + ")";
            return Wording.dateTime(section.resolvedAt()) + reopened + optionalDetail(section.resolution());
        }
        return section.reopenCount() == 0 ? "not resolved yet."
                : "not resolved yet; reopened " + times(section.reopenCount()) + " after an earlier resolution.";
    }

    static String measureDetails(CorrectiveMeasureView measure) {
        return "owner: " + (measure.owner() == null || measure.owner().isBlank() ? "not assigned" : measure.owner())
                + " · due: " + (measure.dueAt() == null ? "no due date" : Wording.date(measure.dueAt()))
                + " · status: " + (measure.done() ? "done " + Wording.date(measure.completedAt()) : "open");
    }

    static List<String[]> metricRows(IncidentMetricsView metrics) {
        return List.of(
                new String[]{"Time to detect", orElse(metrics.timeToDetectSeconds(), "not known")},
                new String[]{"Time to acknowledge", orElse(metrics.timeToAcknowledgeSeconds(), "not acknowledged")},
                new String[]{"Time to mitigate", orElse(metrics.timeToMitigateSeconds(), "not mitigated yet")},
                new String[]{"Time to resolve", orElse(metrics.timeToResolveSeconds(), "not resolved yet")},
                new String[]{"Time to root cause",
                        orElse(metrics.timeToRootCauseSeconds(), "root cause not identified yet")},
                new String[]{"Time lost on misleading paths",
                        orElse(metrics.timeOnMisleadingPathsSeconds(), "none")},
                new String[]{"Escalations", Integer.toString(metrics.escalationCount())},
                new String[]{"Hypotheses", metrics.hypothesisCount() + ", of which " + metrics.ruledOutCount()
                        + " ruled out"});
    }

    static String statement(PostmortemView postmortem, String hypothesisId) {
        return postmortem.hypotheses().stream()
                .filter(h -> h.hypothesisId().equals(hypothesisId))
                .map(HypothesisView::statement)
                .findFirst()
                .orElse(hypothesisId);
    }

    private static String orElse(Long seconds, String missing) {
        return seconds == null ? missing : Wording.duration(seconds);
    }

    private static String by(String who) {
        return who == null || who.isBlank() ? "" : " by " + who;
    }

    private static String optionalDetail(String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail;
    }

    private static String sentence(String text) {
        String stripped = text.strip();
        return stripped.matches(".*[.!?]$") ? stripped : stripped + ".";
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }
}
