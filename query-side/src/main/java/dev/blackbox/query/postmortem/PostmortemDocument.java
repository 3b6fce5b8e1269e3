package dev.blackbox.query.postmortem;

import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.query.Phrases;
import dev.blackbox.query.investigation.ContributingFactorView;
import dev.blackbox.query.investigation.EscalationView;
import dev.blackbox.query.investigation.MisleadingPathView;
import dev.blackbox.query.investigation.RootCauseView;
import dev.blackbox.query.metrics.IncidentMetricsView;
import dev.blackbox.query.timeline.TimelineEntryView;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * The postmortem as one CommonMark document, its sections in SPEC §6 order. The Markdown and the
 * HTML are both rendered from it, so they say the same thing. Everything users typed goes into text
 * nodes, which both renderers escape: a title with markup or a link in it stays text, and a line of a
 * description that starts with {@code #} is no heading.
 */
final class PostmortemDocument {

    /** Compiled once: every entry of a long timeline may go through it. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    private PostmortemDocument() {
    }

    static Document of(PostmortemView postmortem) {
        Document document = new Document();
        document.appendChild(heading(1, text("Postmortem: " + inline(postmortem.title()))));
        document.appendChild(paragraph(text("Incident "), code(postmortem.incidentId()),
                text(" · " + postmortem.severity() + " · " + PostmortemText.status(postmortem)
                        + (postmortem.drill() ? " · training drill" : "")
                        + " · generated " + Wording.dateTime(postmortem.generatedAt()))));
        if (postmortem.draft()) {
            BlockQuote draft = new BlockQuote();
            draft.appendChild(paragraph(strong("Draft:"), text(" " + PostmortemText.DRAFT_NOTICE)));
            document.appendChild(draft);
        }
        issueSummary(document, postmortem);
        timeline(document, postmortem);
        misleadingPaths(document, postmortem);
        escalations(document, postmortem);
        rootCauseAndResolution(document, postmortem);
        correctiveMeasures(document, postmortem);
        metrics(document, postmortem);
        if (postmortem.conclusion() != null) {
            conclusion(document, postmortem.conclusion());
        }
        return document;
    }

    /** Room for a rendering, so that a long timeline is not copied each time the buffer fills. */
    static int expectedLength(PostmortemView postmortem) {
        int entries = postmortem.timeline().stream().mapToInt(day -> day.entries().size()).sum();
        return 16_384 + 256 * (entries + postmortem.hypotheses().size());
    }

    private static void issueSummary(Document document, PostmortemView postmortem) {
        IssueSummaryView summary = postmortem.issueSummary();
        document.appendChild(heading(2, text("Issue Summary")));
        document.appendChild(list(
                labelled("Duration", PostmortemText.duration(summary)),
                labelled("Impact", PostmortemText.impact(summary)),
                labelled("Affected services", summary.affectedServices().isEmpty()
                        ? "none recorded" : String.join(", ", summary.affectedServices())),
                labelled("Severity", summary.severity().name()),
                labelled("Detection", PostmortemText.detection(summary)),
                labelled("Root cause", summary.rootCause() == null ? PostmortemText.NO_ROOT_CAUSE : summary.rootCause())));
    }

    private static ListItem labelled(String label, String text) {
        return item(strong(label + ":"), text(" " + inline(text)));
    }

    private static void timeline(Document document, PostmortemView postmortem) {
        document.appendChild(heading(2, text("Timeline")));
        document.appendChild(new TimelineDiagram(postmortem));
        if (!postmortem.spansDays()) {
            BulletList entries = list();
            postmortem.timeline().forEach(day -> day.entries().forEach(entry ->
                    entries.appendChild(timelineEntry(Wording.dateTime(entry.occurredAt()), entry))));
            document.appendChild(entries);
            return;
        }
        document.appendChild(paragraph(text("All times in UTC.")));
        for (TimelineDayView day : postmortem.timeline()) {
            document.appendChild(heading(3, text(day.date().toString())));
            BulletList entries = list();
            day.entries().forEach(entry -> entries.appendChild(timelineEntry(Wording.time(entry.occurredAt()), entry)));
            document.appendChild(entries);
        }
    }

    private static ListItem timelineEntry(String when, TimelineEntryView entry) {
        ListItem item = item(strong(when), text(" " + inline(entry.text())));
        if (entry.actor() != null) {
            Paragraph line = (Paragraph) item.getFirstChild();
            line.appendChild(text(" · "));
            line.appendChild(emphasis(entry.actor()));
        }
        return item;
    }

    private static void misleadingPaths(Document document, PostmortemView postmortem) {
        document.appendChild(heading(2, text("Misleading investigation paths")));
        if (postmortem.misleadingPaths().isEmpty()) {
            document.appendChild(paragraph(text(PostmortemText.NO_MISLEADING_PATHS)));
            return;
        }
        BulletList paths = list();
        for (MisleadingPathView path : postmortem.misleadingPaths()) {
            paths.appendChild(item(text(inline(PostmortemText.misleadingPath(path, postmortem)))));
        }
        document.appendChild(paths);
        if (postmortem.metrics() != null) {
            document.appendChild(paragraph(text("Time lost on ruled-out hypotheses: "
                    + Wording.duration(postmortem.metrics().timeOnMisleadingPathsSeconds()) + ".")));
        }
    }

    private static void escalations(Document document, PostmortemView postmortem) {
        document.appendChild(heading(2, text("Escalations")));
        if (postmortem.escalations().isEmpty()) {
            document.appendChild(paragraph(text(PostmortemText.NO_ESCALATIONS)));
            return;
        }
        BulletList escalations = list();
        for (EscalationView escalation : postmortem.escalations()) {
            escalations.appendChild(item(strong(escalation.target()),
                    text(" " + inline(PostmortemText.escalation(escalation)))));
        }
        document.appendChild(escalations);
    }

    private static void rootCauseAndResolution(Document document, PostmortemView postmortem) {
        RootCauseAndResolutionView section = postmortem.rootCauseAndResolution();
        RootCauseView rootCause = section.rootCause();
        document.appendChild(heading(2, text("Root Cause and Resolution")));
        if (rootCause == null) {
            document.appendChild(paragraph(strong("Root cause:"), text(" " + PostmortemText.NO_ROOT_CAUSE + ".")));
        } else {
            document.appendChild(paragraph(strong("Root cause"),
                    text(" (" + Phrases.category(rootCause.category()) + "), "
                            + inline(PostmortemText.identified(rootCause, postmortem)) + ": "
                            + inline(rootCause.summary()))));
            if (section.confirmedHypothesis() != null) {
                String evidence = section.confirmationEvidence() == null ? ""
                        : " — " + inline(section.confirmationEvidence());
                document.appendChild(paragraph(text("Confirmed hypothesis: “"
                        + inline(section.confirmedHypothesis()) + "”" + evidence)));
            }
        }
        contributingFactors(document, postmortem);
        document.appendChild(paragraph(strong("Mitigation:"), text(" " + inline(PostmortemText.mitigation(section)))));
        document.appendChild(paragraph(strong("Resolution:"), text(" " + inline(PostmortemText.resolution(section)))));
    }

    /** Only when there are any: a postmortem written before factors existed reads as it always did. */
    private static void contributingFactors(Document document, PostmortemView postmortem) {
        if (postmortem.contributingFactors().isEmpty()) {
            return;
        }
        document.appendChild(paragraph(strong("Contributing factors:")));
        BulletList factors = list();
        for (ContributingFactorKind kind : ContributingFactorKind.values()) {
            for (ContributingFactorView factor : postmortem.contributingFactors()) {
                if (factor.kind() == kind) {
                    factors.appendChild(item(strong(PostmortemText.factorKind(kind)),
                            text(" (" + Phrases.category(factor.category()) + "): " + inline(factor.description()))));
                }
            }
        }
        document.appendChild(factors);
    }

    private static void correctiveMeasures(Document document, PostmortemView postmortem) {
        document.appendChild(heading(2, text("Corrective and Preventative Measures")));
        if (postmortem.correctiveMeasures().isEmpty()) {
            document.appendChild(paragraph(text(PostmortemText.NO_CORRECTIVE_MEASURES)));
            return;
        }
        for (CorrectiveActionKind kind : List.of(CorrectiveActionKind.IMPROVEMENT, CorrectiveActionKind.TASK)) {
            List<CorrectiveMeasureView> measures = postmortem.correctiveMeasures().stream()
                    .filter(m -> m.kind() == kind).toList();
            if (measures.isEmpty()) {
                continue;
            }
            document.appendChild(heading(3, text(kind == CorrectiveActionKind.IMPROVEMENT ? "Improvements" : "Tasks")));
            BulletList items = list();
            for (CorrectiveMeasureView measure : measures) {
                items.appendChild(item(text(inline(measure.description()) + " — "
                        + inline(PostmortemText.measureDetails(measure)))));
            }
            document.appendChild(items);
        }
    }

    private static void metrics(Document document, PostmortemView postmortem) {
        document.appendChild(heading(2, text("Metrics")));
        IncidentMetricsView metrics = postmortem.metrics();
        if (metrics == null) {
            document.appendChild(paragraph(text(PostmortemText.NO_METRICS)));
            return;
        }
        TableBlock table = new TableBlock();
        TableHead head = new TableHead();
        head.appendChild(row(true, "Metric", "Value"));
        table.appendChild(head);
        TableBody body = new TableBody();
        for (String[] values : PostmortemText.metricRows(metrics)) {
            body.appendChild(row(false, values));
        }
        table.appendChild(body);
        document.appendChild(table);
    }

    private static TableRow row(boolean header, String... values) {
        TableRow row = new TableRow();
        for (String value : values) {
            TableCell cell = new TableCell();
            cell.setHeader(header);
            cell.appendChild(text(value));
            row.appendChild(cell);
        }
        return row;
    }

    /** Paragraphs as the writer separated them with blank lines, their lines kept. */
    private static void conclusion(Document document, ConclusionView conclusion) {
        document.appendChild(heading(2, text("Conclusion")));
        for (String block : conclusion.text().strip().split("\\R\\s*\\R")) {
            Paragraph paragraph = new Paragraph();
            String[] lines = LINE_BREAK.split(block.strip());
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    paragraph.appendChild(new SoftLineBreak());
                }
                paragraph.appendChild(text(lines[i]));
            }
            document.appendChild(paragraph);
        }
        document.appendChild(paragraph(emphasis(conclusion.writtenBy() + ", " + Wording.date(conclusion.writtenAt()))));
    }

    private static Heading heading(int level, Node content) {
        Heading heading = new Heading();
        heading.setLevel(level);
        heading.appendChild(content);
        return heading;
    }

    private static Paragraph paragraph(Node... content) {
        Paragraph paragraph = new Paragraph();
        for (Node node : content) {
            paragraph.appendChild(node);
        }
        return paragraph;
    }

    private static BulletList list(ListItem... items) {
        BulletList list = new BulletList();
        list.setTight(true);
        for (ListItem item : items) {
            list.appendChild(item);
        }
        return list;
    }

    private static ListItem item(Node... content) {
        ListItem item = new ListItem();
        item.appendChild(paragraph(content));
        return item;
    }

    private static Text text(String text) {
        return new Text(text);
    }

    private static StrongEmphasis strong(String text) {
        StrongEmphasis strong = new StrongEmphasis();
        strong.appendChild(text(inline(text)));
        return strong;
    }

    private static Emphasis emphasis(String text) {
        Emphasis emphasis = new Emphasis();
        emphasis.appendChild(text(inline(text)));
        return emphasis;
    }

    private static Code code(String text) {
        return new Code(inline(text));
    }

    /** Keeps user text on one line, so it stays inside the list item, table cell or heading it is in. */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        return hasLineBreak(stripped) ? LINE_BREAK.matcher(stripped).replaceAll(" ") : stripped;
    }

    /** The characters {@code \R} matches; most entries are one line and need no matcher. */
    private static boolean hasLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\n' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
