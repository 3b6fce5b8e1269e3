package dev.blackbox.query.postmortem;

import dev.blackbox.query.investigation.EscalationView;
import dev.blackbox.query.investigation.HypothesisView;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.commonmark.node.CustomBlock;

/**
 * The timeline as a diagram, in the HTML rendering only: a block of the postmortem's document that
 * the HTML renderer draws as inline SVG and the Markdown renderer leaves out. Hand-written SVG, because
 * it is a few bars and marks drawn once per page and must work without scripts.
 */
final class TimelineDiagram extends CustomBlock {

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

    private final PostmortemView postmortem;

    TimelineDiagram(PostmortemView postmortem) {
        this.postmortem = postmortem;
    }

    /** The diagram as a {@code <figure>} with its legend. */
    String svg() {
        StringBuilder html = new StringBuilder(4_096 + 256 * (postmortem.hypotheses().size() + postmortem.escalations().size()));
        diagram(html, postmortem);
        return html.toString();
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
                .append(HtmlPostmortem.escape(postmortem.title())).append("</title>\n");

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
                        .append("\" r=\"6\"><title>").append(HtmlPostmortem.escape("Escalated to " + e.target() + " at "
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
        html.append("<text class=\"lbl\" x=\"4\" y=\"").append(y + 15).append("\">").append(HtmlPostmortem.escape(shown))
                .append("</text>\n");
    }

    private static void bar(StringBuilder html, Chart chart, Instant from, Instant to, int y, String cssClass,
                            String title) {
        double x1 = chart.position(from);
        double x2 = Math.max(chart.position(to), x1 + 2);
        html.append("<rect class=\"").append(cssClass).append("\" x=\"").append(format(x1)).append("\" y=\"")
                .append(y + 3).append("\" width=\"").append(format(x2 - x1)).append("\" height=\"")
                .append(ROW_HEIGHT - 6).append("\"><title>").append(HtmlPostmortem.escape(title)).append("</title></rect>\n");
    }

    private static void swatch(StringBuilder html, String colour, String name) {
        html.append("<span><i class=\"sw\" style=\"background:").append(colour).append("\"></i>").append(name)
                .append("</span>");
    }

    /** One decimal, as SVG wants it; without {@code String.format}, which a long incident calls hundreds of times. */
    private static String format(double value) {
        return Double.toString(Math.round(value * 10) / 10.0);
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
