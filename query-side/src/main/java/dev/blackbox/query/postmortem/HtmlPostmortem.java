package dev.blackbox.query.postmortem;

import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.query.Phrases;
import dev.blackbox.query.investigation.EscalationView;
import dev.blackbox.query.investigation.HypothesisView;
import dev.blackbox.query.investigation.MisleadingPathView;
import dev.blackbox.query.investigation.RootCauseView;
import dev.blackbox.query.timeline.TimelineEntryView;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders a postmortem as one self-contained HTML page (inline style, inline SVG, no scripts).
 * Every piece of text that came from users goes through {@link #escape}.
 */
public final class HtmlPostmortem {

    private static final String STYLE = """
            body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2327;background:#fff}
            main{max-width:980px;margin:0 auto;padding:24px}
            h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
            .meta{color:#555}.draft{background:#fff4ce;border-left:4px solid #e0a800;padding:8px 12px}
            .when{font-weight:600;white-space:nowrap}.actor{color:#666;font-style:italic}
            table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}
            svg{max-width:100%;height:auto;font:11px system-ui,sans-serif}
            .lbl{fill:#333}.axis{stroke:#999}.tick{fill:#666}.inbar{fill:#fff}
            .ph0{fill:#c9302c}.ph1{fill:#ec971f}.ph2{fill:#f0ad4e}.ph3{fill:#5bc0de}.ph4{fill:#999}
            .RULED_OUT{fill:#b0b0b0}.CONFIRMED{fill:#449d44}.OPEN{fill:#f0ad4e;fill-opacity:.6}
            .esc{fill:#6f42c1}.escline{stroke:#6f42c1;stroke-dasharray:3 3}
            .legend span{display:inline-block;margin-right:14px}.sw{width:12px;height:12px;display:inline-block;vertical-align:middle;margin-right:4px}
            """;

    /** Each phase is named by the milestone that ends it, which stays true when an earlier one is missing. */
    private static final String[] PHASE_NAMES = {"Until detection", "Until acknowledgement", "Until mitigation",
            "Until resolution", "Ongoing"};
    private static final String[] PHASE_COLOURS = {"#c9302c", "#ec971f", "#f0ad4e", "#5bc0de", "#999"};
    private static final DateTimeFormatter TICK_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TICK_DAY_TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final int LABEL_WIDTH = 240;
    private static final int PLOT_WIDTH = 700;
    private static final int ROW_HEIGHT = 24;
    private static final int LABEL_LENGTH = 36;
    /** A generous average glyph width at the diagram's 11px font, to decide whether a label fits in a bar. */
    private static final double CHARACTER_WIDTH = 6.5;

    private HtmlPostmortem() {
    }

    public static String render(PostmortemView postmortem) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Postmortem: ").append(escape(postmortem.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<h1>Postmortem: ").append(escape(postmortem.title())).append("</h1>\n");
        html.append("<p class=\"meta\">Incident <code>").append(escape(postmortem.incidentId())).append("</code> · ")
                .append(postmortem.severity()).append(" · ").append(escape(PostmortemText.status(postmortem)))
                .append(postmortem.drill() ? " · training drill" : "")
                .append(" · generated ").append(Wording.dateTime(postmortem.generatedAt())).append("</p>\n");
        if (postmortem.draft()) {
            html.append("<p class=\"draft\"><strong>Draft:</strong> ").append(PostmortemText.DRAFT_NOTICE)
                    .append("</p>\n");
        }
        issueSummary(html, postmortem);
        timeline(html, postmortem);
        misleadingPaths(html, postmortem);
        escalations(html, postmortem);
        rootCauseAndResolution(html, postmortem);
        correctiveMeasures(html, postmortem);
        metrics(html, postmortem);
        if (postmortem.conclusion() != null) {
            html.append("<h2>Conclusion</h2>\n");
            for (String paragraph : postmortem.conclusion().text().strip().split("\\R\\s*\\R")) {
                html.append("<p>").append(escape(paragraph)).append("</p>\n");
            }
            html.append("<p class=\"actor\">").append(escape(postmortem.conclusion().writtenBy())).append(", ")
                    .append(Wording.date(postmortem.conclusion().writtenAt())).append("</p>\n");
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void issueSummary(StringBuilder html, PostmortemView postmortem) {
        IssueSummaryView summary = postmortem.issueSummary();
        html.append("<h2>Issue Summary</h2>\n<ul>\n");
        item(html, "Duration", PostmortemText.duration(summary));
        item(html, "Impact", PostmortemText.impact(summary));
        item(html, "Affected services", summary.affectedServices().isEmpty()
                ? "none recorded" : String.join(", ", summary.affectedServices()));
        item(html, "Severity", summary.severity().name());
        item(html, "Detection", PostmortemText.detection(summary));
        item(html, "Root cause", summary.rootCause() == null ? PostmortemText.NO_ROOT_CAUSE : summary.rootCause());
        html.append("</ul>\n");
    }

    private static void item(StringBuilder html, String label, String text) {
        html.append("<li><strong>").append(label).append(":</strong> ").append(escape(text)).append("</li>\n");
    }

    private static void timeline(StringBuilder html, PostmortemView postmortem) {
        html.append("<h2>Timeline</h2>\n");
        diagram(html, postmortem);
        boolean byDay = postmortem.spansDays();
        if (byDay) {
            html.append("<p>All times in UTC.</p>\n");
        }
        for (TimelineDayView day : postmortem.timeline()) {
            if (byDay) {
                html.append("<h3>").append(day.date()).append("</h3>\n");
            }
            html.append("<ul>\n");
            for (TimelineEntryView entry : day.entries()) {
                html.append("<li><span class=\"when\">")
                        .append(byDay ? Wording.time(entry.occurredAt()) : Wording.dateTime(entry.occurredAt()))
                        .append("</span> ").append(escape(entry.text()));
                if (entry.actor() != null) {
                    html.append(" · <span class=\"actor\">").append(escape(entry.actor())).append("</span>");
                }
                html.append("</li>\n");
            }
            html.append("</ul>\n");
        }
    }

    private static void misleadingPaths(StringBuilder html, PostmortemView postmortem) {
        html.append("<h2>Misleading investigation paths</h2>\n");
        if (postmortem.misleadingPaths().isEmpty()) {
            html.append("<p>").append(PostmortemText.NO_MISLEADING_PATHS).append("</p>\n");
            return;
        }
        html.append("<ul>\n");
        for (MisleadingPathView path : postmortem.misleadingPaths()) {
            html.append("<li>").append(escape(PostmortemText.misleadingPath(path, postmortem))).append("</li>\n");
        }
        html.append("</ul>\n");
        if (postmortem.metrics() != null) {
            html.append("<p>Time lost on ruled-out hypotheses: ")
                    .append(Wording.duration(postmortem.metrics().timeOnMisleadingPathsSeconds())).append(".</p>\n");
        }
    }

    private static void escalations(StringBuilder html, PostmortemView postmortem) {
        html.append("<h2>Escalations</h2>\n");
        if (postmortem.escalations().isEmpty()) {
            html.append("<p>").append(PostmortemText.NO_ESCALATIONS).append("</p>\n");
            return;
        }
        html.append("<ul>\n");
        for (EscalationView escalation : postmortem.escalations()) {
            html.append("<li><strong>").append(escape(escalation.target())).append("</strong> ")
                    .append(escape(PostmortemText.escalation(escalation))).append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private static void rootCauseAndResolution(StringBuilder html, PostmortemView postmortem) {
        RootCauseAndResolutionView section = postmortem.rootCauseAndResolution();
        RootCauseView rootCause = section.rootCause();
        html.append("<h2>Root Cause and Resolution</h2>\n");
        if (rootCause == null) {
            html.append("<p><strong>Root cause:</strong> ").append(PostmortemText.NO_ROOT_CAUSE).append(".</p>\n");
        } else {
            html.append("<p><strong>Root cause</strong> (").append(Phrases.category(rootCause.category())).append("), ")
                    .append(escape(PostmortemText.identified(rootCause, postmortem))).append(": ")
                    .append(escape(rootCause.summary())).append("</p>\n");
            if (section.confirmedHypothesis() != null) {
                html.append("<p>Confirmed hypothesis: “").append(escape(section.confirmedHypothesis())).append("”");
                if (section.confirmationEvidence() != null) {
                    html.append(" — ").append(escape(section.confirmationEvidence()));
                }
                html.append("</p>\n");
            }
        }
        html.append("<p><strong>Mitigation:</strong> ").append(escape(PostmortemText.mitigation(section)))
                .append("</p>\n<p><strong>Resolution:</strong> ").append(escape(PostmortemText.resolution(section)))
                .append("</p>\n");
    }

    private static void correctiveMeasures(StringBuilder html, PostmortemView postmortem) {
        html.append("<h2>Corrective and Preventative Measures</h2>\n");
        if (postmortem.correctiveMeasures().isEmpty()) {
            html.append("<p>").append(PostmortemText.NO_CORRECTIVE_MEASURES).append("</p>\n");
            return;
        }
        for (CorrectiveActionKind kind : List.of(CorrectiveActionKind.IMPROVEMENT, CorrectiveActionKind.TASK)) {
            List<CorrectiveMeasureView> measures = postmortem.correctiveMeasures().stream()
                    .filter(m -> m.kind() == kind).toList();
            if (measures.isEmpty()) {
                continue;
            }
            html.append("<h3>").append(kind == CorrectiveActionKind.IMPROVEMENT ? "Improvements" : "Tasks")
                    .append("</h3>\n<ul>\n");
            for (CorrectiveMeasureView measure : measures) {
                html.append("<li>").append(escape(measure.description())).append(" — ")
                        .append(escape(PostmortemText.measureDetails(measure))).append("</li>\n");
            }
            html.append("</ul>\n");
        }
    }

    private static void metrics(StringBuilder html, PostmortemView postmortem) {
        html.append("<h2>Metrics</h2>\n");
        if (postmortem.metrics() == null) {
            html.append("<p>").append(PostmortemText.NO_METRICS).append("</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Metric</th><th>Value</th></tr>\n");
        for (String[] row : PostmortemText.metricRows(postmortem.metrics())) {
            html.append("<tr><td>").append(row[0]).append("</td><td>").append(escape(row[1])).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /**
     * The phases detect, acknowledge, mitigate, resolve as one coloured bar; each hypothesis as a
     * bar from recording to ruling out or confirmation (open ones run to the end of the chart);
     * escalations as marks.
     */
    private static void diagram(StringBuilder html, PostmortemView postmortem) {
        IssueSummaryView summary = postmortem.issueSummary();
        RootCauseAndResolutionView ending = postmortem.rootCauseAndResolution();
        Instant start = summary.startedAt();
        Instant end = summary.endedAt() != null ? summary.endedAt() : postmortem.generatedAt();
        List<Instant> moments = new ArrayList<>(List.of(start, end, summary.detectedAt()));
        for (HypothesisView h : postmortem.hypotheses()) {
            moments.add(h.recordedAt());
            if (h.closedAt() != null) {
                moments.add(h.closedAt());
            }
        }
        postmortem.escalations().forEach(e -> moments.add(e.escalatedAt()));
        start = moments.stream().min(Comparator.naturalOrder()).orElseThrow();
        end = moments.stream().max(Comparator.naturalOrder()).orElseThrow();
        Chart chart = new Chart(start, Math.max(1, Duration.between(start, end).toSeconds()));

        int rows = 1 + postmortem.hypotheses().size() + (postmortem.escalations().isEmpty() ? 0 : 1);
        int plotBottom = 10 + rows * ROW_HEIGHT;
        int height = plotBottom + 30;
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        html.append("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\">\n<title>Timeline diagram of ")
                .append(escape(postmortem.title())).append("</title>\n");

        int y = 10;
        label(html, y, "Phases");
        List<Instant> milestones = new ArrayList<>();
        milestones.add(summary.startedAt());
        milestones.add(summary.detectedAt());
        milestones.add(summary.acknowledgedAt());
        milestones.add(ending.mitigatedAt() != null ? ending.mitigatedAt() : summary.endedAt());
        milestones.add(summary.endedAt());
        Instant from = milestones.get(0);
        for (int phase = 0; phase < 4; phase++) {
            Instant to = milestones.get(phase + 1);
            if (to == null || !to.isAfter(from)) {
                continue;
            }
            String length = Wording.duration(Duration.between(from, to).toSeconds());
            bar(html, chart, from, to, y, "ph" + phase, PHASE_NAMES[phase] + ": " + length);
            if (chart.position(to) - chart.position(from) > length.length() * CHARACTER_WIDTH) {
                html.append("<text class=\"inbar\" x=\"").append(format(chart.position(from) + 4)).append("\" y=\"")
                        .append(y + 16).append("\">").append(length).append("</text>\n");
            }
            from = to;
        }
        if (summary.endedAt() == null) {
            bar(html, chart, from, end, y, "ph4", PHASE_NAMES[4] + " since " + Wording.dateTime(from));
        }
        y += ROW_HEIGHT;

        for (HypothesisView h : postmortem.hypotheses()) {
            label(html, y, h.statement());
            Instant closed = h.closedAt() != null ? h.closedAt() : end;
            String state = switch (h.status()) {
                case RULED_OUT -> "ruled out after ";
                case CONFIRMED -> "confirmed after ";
                case OPEN -> "still open after ";
            };
            bar(html, chart, h.recordedAt(), closed, y, h.status().name(),
                    h.statement() + ": " + state + Wording.duration(Duration.between(h.recordedAt(), closed).toSeconds()));
            y += ROW_HEIGHT;
        }

        if (!postmortem.escalations().isEmpty()) {
            label(html, y, "Escalations");
            for (EscalationView e : postmortem.escalations()) {
                String x = chart.x(e.escalatedAt());
                html.append("<line class=\"escline\" x1=\"").append(x).append("\" x2=\"").append(x)
                        .append("\" y1=\"10\" y2=\"").append(plotBottom).append("\"/>")
                        .append("<circle class=\"esc\" cx=\"").append(x).append("\" cy=\"").append(y + 10)
                        .append("\" r=\"6\"><title>").append(escape("Escalated to " + e.target() + " at "
                                + Wording.dateTime(e.escalatedAt()))).append("</title></circle>\n");
            }
        }

        html.append("<line class=\"axis\" x1=\"").append(LABEL_WIDTH).append("\" x2=\"")
                .append(LABEL_WIDTH + PLOT_WIDTH).append("\" y1=\"").append(plotBottom).append("\" y2=\"")
                .append(plotBottom).append("\"/>\n");
        boolean severalDays = !Wording.date(start).equals(Wording.date(end));
        for (int tick = 0; tick <= 4; tick++) {
            Instant at = start.plusSeconds(chart.span() * tick / 4);
            html.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(chart.x(at)).append("\" y=\"")
                    .append(plotBottom + 16).append("\">")
                    .append((severalDays ? TICK_DAY_TIME : TICK_TIME).format(at)).append("</text>\n");
        }
        html.append("</svg>\n<figcaption class=\"legend\">");
        for (int phase = 0; phase < PHASE_NAMES.length; phase++) {
            swatch(html, PHASE_COLOURS[phase], PHASE_NAMES[phase]);
        }
        swatch(html, "#b0b0b0", "Hypothesis ruled out");
        swatch(html, "#449d44", "Hypothesis confirmed");
        swatch(html, "#f0ad4e", "Hypothesis open");
        swatch(html, "#6f42c1", "Escalation");
        html.append("Times in UTC.</figcaption>\n</figure>\n");
    }

    private static void label(StringBuilder html, int y, String text) {
        String full = text == null ? "" : text;
        String shown = full.length() > LABEL_LENGTH ? full.substring(0, LABEL_LENGTH - 1) + "…" : full;
        html.append("<text class=\"lbl\" x=\"4\" y=\"").append(y + 15).append("\">").append(escape(shown))
                .append("</text>\n");
    }

    private static void bar(StringBuilder html, Chart chart, Instant from, Instant to, int y, String cssClass,
                            String title) {
        double x1 = chart.position(from);
        double x2 = Math.max(chart.position(to), x1 + 2);
        html.append("<rect class=\"").append(cssClass).append("\" x=\"").append(format(x1)).append("\" y=\"")
                .append(y + 3).append("\" width=\"").append(format(x2 - x1)).append("\" height=\"")
                .append(ROW_HEIGHT - 6).append("\"><title>").append(escape(title)).append("</title></rect>\n");
    }

    private static void swatch(StringBuilder html, String colour, String name) {
        html.append("<span><i class=\"sw\" style=\"background:").append(colour).append("\"></i>").append(name)
                .append("</span>");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Escapes text for both element content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Maps instants onto the plot area, which starts after the row labels. */
    private record Chart(Instant start, long span) {

        double position(Instant at) {
            return LABEL_WIDTH + PLOT_WIDTH * (double) Duration.between(start, at).toSeconds() / span;
        }

        String x(Instant at) {
            return format(position(at));
        }
    }
}
