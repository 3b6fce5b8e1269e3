package dev.blackbox.query.postmortem;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.query.Phrases;
import dev.blackbox.query.investigation.ContributingFactorView;
import dev.blackbox.query.investigation.EscalationView;
import dev.blackbox.query.investigation.HypothesisStatus;
import dev.blackbox.query.investigation.MisleadingPathView;
import dev.blackbox.query.investigation.RootCauseView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The postmortem as the plain values a template sees: maps, lists, strings and booleans only, so a
 * template reaches no object it could call. Every string is already escaped for Markdown
 * ({@link MarkdownText}), so {@code {{x}}} and {@code {{{x}}}} place the same safe text. The keys are
 * listed in the README.
 */
final class PostmortemModel {

    /**
     * Every key the model can hold, at any depth. Mustache renders an unknown name as nothing, so
     * templates are checked against these when compiled: a misspelt value stops the start-up
     * instead of leaving a blank in every postmortem.
     */
    static final Set<String> NAMES = Set.of(
            "incidentId", "title", "severity", "status", "draft", "draftNotice", "drill", "generatedAt",
            "summary", "duration", "impact", "affectedServices", "detection", "rootCause",
            "timeline", "when", "kind", "text", "actor",
            "misleadingPaths", "timeLostOnMisleadingPaths", "escalations", "target",
            "category", "identified", "confirmedHypothesis", "statement", "evidence",
            "mitigation", "resolution",
            "factors", "triggers", "contributors", "mitigators", "risks", "description",
            "hasTriggers", "hasContributors", "hasMitigators", "hasRisks",
            "wentWell", "wasHard", "gotLucky",
            "correctiveActions", "details", "done", "correctiveActionsTotal", "correctiveActionsOpen",
            "metrics", "name", "value", "conclusion", "paragraphs", "writtenBy", "writtenAt");

    private PostmortemModel() {
    }

    static Map<String, Object> of(PostmortemView postmortem) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("incidentId", md(postmortem.incidentId()));
        model.put("title", md(postmortem.title()));
        model.put("severity", postmortem.severity().name());
        model.put("status", md(PostmortemText.status(postmortem)));
        model.put("draft", postmortem.draft());
        model.put("draftNotice", md(PostmortemText.DRAFT_NOTICE));
        model.put("drill", postmortem.drill());
        model.put("generatedAt", md(Wording.dateTime(postmortem.generatedAt())));
        model.put("summary", summary(postmortem));
        model.put("timeline", timeline(postmortem));
        List<Map<String, Object>> misleading = postmortem.misleadingPaths().stream()
                .map(path -> text(PostmortemText.misleadingPath(path, postmortem))).toList();
        model.put("misleadingPaths", misleading);
        if (postmortem.metrics() != null && !misleading.isEmpty()) {
            model.put("timeLostOnMisleadingPaths", md(Wording.duration(postmortem.metrics().timeOnMisleadingPathsSeconds())));
        }
        List<Map<String, Object>> escalations = new ArrayList<>();
        for (EscalationView escalation : postmortem.escalations()) {
            escalations.add(Map.of("target", md(escalation.target()), "text", md(PostmortemText.escalation(escalation))));
        }
        model.put("escalations", escalations);
        rootCauseAndResolution(model, postmortem);
        factors(model, postmortem);
        lessons(model, postmortem);
        model.put("correctiveActions", postmortem.correctiveMeasures().stream().map(measure -> Map.<String, Object>of(
                "description", md(measure.description()),
                "kind", measure.kind().name().toLowerCase(Locale.ROOT),
                "details", md(PostmortemText.measureDetails(measure)),
                "done", measure.done())).toList());
        model.put("correctiveActionsTotal", Integer.toString(postmortem.correctiveMeasures().size()));
        model.put("correctiveActionsOpen",
                Long.toString(postmortem.correctiveMeasures().stream().filter(m -> !m.done()).count()));
        if (postmortem.metrics() != null) {
            model.put("metrics", PostmortemText.metricRows(postmortem.metrics()).stream()
                    .map(row -> Map.<String, Object>of("name", md(row[0]), "value", md(row[1]))).toList());
        }
        if (postmortem.conclusion() != null) {
            ConclusionView conclusion = postmortem.conclusion();
            List<Map<String, Object>> paragraphs = new ArrayList<>();
            for (String block : conclusion.text().strip().split("\\R\\s*\\R")) {
                paragraphs.add(text(block));
            }
            model.put("conclusion", Map.of("paragraphs", paragraphs,
                    "writtenBy", md(conclusion.writtenBy()), "writtenAt", md(Wording.date(conclusion.writtenAt()))));
        }
        return model;
    }

    private static Map<String, Object> summary(PostmortemView postmortem) {
        IssueSummaryView summary = postmortem.issueSummary();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("duration", md(PostmortemText.duration(summary)));
        values.put("impact", md(PostmortemText.impact(summary)));
        values.put("affectedServices", md(summary.affectedServices().isEmpty()
                ? "none recorded" : String.join(", ", summary.affectedServices())));
        values.put("detection", md(PostmortemText.detection(summary)));
        values.put("rootCause", md(summary.rootCause() == null ? PostmortemText.NO_ROOT_CAUSE : summary.rootCause()));
        return values;
    }

    private static List<Map<String, Object>> timeline(PostmortemView postmortem) {
        List<Map<String, Object>> entries = new ArrayList<>();
        postmortem.timeline().forEach(day -> day.entries().forEach(entry -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("when", md(Wording.dateTime(entry.occurredAt())));
            values.put("kind", entry.kind().name());
            values.put("text", md(entry.text()));
            if (entry.actor() != null) {
                values.put("actor", md(entry.actor()));
            }
            entries.add(values);
        }));
        return entries;
    }

    private static void rootCauseAndResolution(Map<String, Object> model, PostmortemView postmortem) {
        RootCauseAndResolutionView section = postmortem.rootCauseAndResolution();
        RootCauseView rootCause = section.rootCause();
        if (rootCause != null) {
            model.put("rootCause", Map.of("summary", md(rootCause.summary()),
                    "category", md(Phrases.category(rootCause.category())),
                    "identified", md(PostmortemText.identified(rootCause, postmortem))));
        }
        if (section.confirmedHypothesis() != null) {
            Map<String, Object> confirmed = new LinkedHashMap<>();
            confirmed.put("statement", md(section.confirmedHypothesis()));
            if (section.confirmationEvidence() != null) {
                confirmed.put("evidence", md(section.confirmationEvidence()));
            }
            model.put("confirmedHypothesis", confirmed);
        }
        model.put("mitigation", md(PostmortemText.mitigation(section)));
        model.put("resolution", md(PostmortemText.resolution(section)));
    }

    private static void factors(Map<String, Object> model, PostmortemView postmortem) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (ContributingFactorKind kind : ContributingFactorKind.values()) {
            List<Map<String, Object>> ofKind = new ArrayList<>();
            for (ContributingFactorView factor : postmortem.contributingFactors()) {
                if (factor.kind() == kind) {
                    Map<String, Object> values = Map.of("kind", PostmortemText.factorKind(kind),
                            "category", md(Phrases.category(factor.category())), "description", md(factor.description()));
                    ofKind.add(values);
                    all.add(values);
                }
            }
            String key = kind.name().toLowerCase(Locale.ROOT) + "s";
            model.put(key, ofKind);
            model.put("has" + Character.toUpperCase(key.charAt(0)) + key.substring(1), !ofKind.isEmpty());
        }
        model.put("factors", all);
    }

    /**
     * The contributors view of what the investigation shows: what kept the outage small or ended it,
     * what cost time, and the risks that did not strike this time.
     */
    private static void lessons(Map<String, Object> model, PostmortemView postmortem) {
        List<Map<String, Object>> wentWell = new ArrayList<>();
        postmortem.contributingFactors().stream().filter(f -> f.kind() == ContributingFactorKind.MITIGATOR)
                .forEach(f -> wentWell.add(text(f.description())));
        postmortem.hypotheses().stream().filter(h -> h.status() == HypothesisStatus.CONFIRMED)
                .forEach(h -> wentWell.add(text("Confirmed “" + h.statement() + "”"
                        + (h.openSeconds() == null ? "" : " after " + Wording.duration(h.openSeconds())))));
        postmortem.hypotheses().stream().flatMap(h -> h.actions().stream())
                .filter(a -> a.outcome() == ActionOutcome.RESOLVED_ISSUE || a.outcome() == ActionOutcome.PARTIAL)
                .forEach(a -> wentWell.add(text(a.description() + ": " + Phrases.outcome(a.outcome()))));
        model.put("wentWell", wentWell);
        List<Map<String, Object>> wasHard = new ArrayList<>();
        for (MisleadingPathView path : postmortem.misleadingPaths()) {
            wasHard.add(text(PostmortemText.misleadingPath(path, postmortem)));
        }
        for (EscalationView escalation : postmortem.escalations()) {
            wasHard.add(text("Escalated to " + escalation.target() + " " + PostmortemText.escalation(escalation)));
        }
        model.put("wasHard", wasHard);
        model.put("gotLucky", postmortem.contributingFactors().stream()
                .filter(f -> f.kind() == ContributingFactorKind.RISK)
                .map(f -> text(f.description())).toList());
    }

    private static Map<String, Object> text(String text) {
        return Map.of("text", md(text));
    }

    private static String md(String text) {
        return MarkdownText.escape(text);
    }
}
