package dev.blackbox.query.postmortem;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import dev.blackbox.query.Scenario;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.blackbox.events.Severity.SEV2;
import static dev.blackbox.query.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

class PostmortemRenderingTest {

    private static final Instant NOW = Instant.parse("2024-01-24T18:00:00Z");

    private final ReadSide readSide = new ReadSide(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Events inc = new Events("inc-1");

    private PostmortemView postmortem(String incidentId) {
        return readSide.find(new FindPostmortem(incidentId), PostmortemView.class).orElseThrow();
    }

    @Test
    void anOpenIncidentGetsADraftThatSaysPlainlyWhatIsNotKnownYet() {
        readSide.publish(inc.detected("15:00", SEV2, "web"), inc.hypothesis("15:30", "h1", "The cache is cold"));

        PostmortemView postmortem = postmortem("inc-1");
        String markdown = MarkdownPostmortem.render(postmortem);

        assertThat(postmortem.draft()).isTrue();
        assertThat(postmortem.issueSummary().durationSeconds()).isEqualTo(10_800);
        assertThat(markdown).contains("> **Draft:**", "ongoing, 3 hours so far", "not acknowledged",
                "**Root cause:** not identified yet.", "root cause not identified yet", "not mitigated yet",
                "not resolved yet", "No escalations", "No corrective or preventative measures recorded yet");
        assertThat(markdown).containsSubsequence(ScenarioPostmortemTest.SECTIONS);
    }

    @Test
    void aReopenedIncidentIsADraftUntilResolvedAgainAndThenShowsTheFinalResolution() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("15:30"), inc.reopened("16:00"));
        assertThat(MarkdownPostmortem.render(postmortem("inc-1")))
                .contains("> **Draft:**", "reopened once after an earlier resolution", "open, reopened once");

        readSide.publish(inc.resolved("17:00"));
        String markdown = MarkdownPostmortem.render(postmortem("inc-1"));

        assertThat(markdown).doesNotContain("Draft").contains("2 hours, from 2024-01-24 15:00 UTC to 2024-01-24 17:00 UTC",
                "2024-01-24 17:00 UTC (final resolution, after being reopened once): resolved at 17:00");
    }

    @Test
    void theDurationRunsFromImpactStartAndDetectionLagIsStated() {
        readSide.publish(inc.detected("15:00", "14:15", SEV2, false), inc.acknowledged("15:05", "alice"),
                inc.resolved("16:15"));

        String markdown = MarkdownPostmortem.render(postmortem("inc-1"));

        assertThat(markdown).contains("2 hours, from 2024-01-24 14:15 UTC to 2024-01-24 16:15 UTC",
                "45 minutes after the impact started", "acknowledged 2024-01-24 15:05 UTC by alice", "50% of users");
    }

    @Test
    void correctiveMeasuresListImprovementsFirstThenTasksWithOwnerDueDateAndStatus() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"),
                inc.correctiveAction("16:10", "t1", CorrectiveActionKind.TASK, "bob", "2024-02-07T00:00:00Z"),
                inc.correctiveAction("16:11", "i1", CorrectiveActionKind.IMPROVEMENT, null, null),
                inc.completed("16:30", "t1"));

        String markdown = MarkdownPostmortem.render(postmortem("inc-1"));

        assertThat(markdown).containsSubsequence("### Improvements", "- work i1 — owner: not assigned · due: no due date"
                + " · status: open", "### Tasks", "- work t1 — owner: bob · due: 2024-02-07 · status: done 2024-01-24");
    }

    @Test
    void contributingFactorsFollowTheRootCauseByKindAndWithdrawnOnesAreLeftOut() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"),
                inc.rootCause("16:05", "pool too small", RootCauseCategory.CAPACITY),
                inc.factor("16:10", "f1", ContributingFactorKind.RISK, null, "no read *replica*"),
                inc.factor("16:11", "f2", ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, "a login surge"),
                inc.factor("16:12", "f3", ContributingFactorKind.CONTRIBUTOR, null, "a mistaken factor"),
                inc.withdrawn("16:20", "f3"));

        String markdown = MarkdownPostmortem.render(postmortem("inc-1"));

        assertThat(markdown).containsSubsequence("## Root Cause and Resolution", "pool too small",
                "**Contributing factors:**", "- **Trigger** (capacity): a login surge",
                "- **Risk** (uncategorised): no read \\*replica\\*", "**Mitigation:**");
        String rootCauseSection = markdown.substring(markdown.indexOf("## Root Cause and Resolution"),
                markdown.indexOf("## Corrective and Preventative Measures"));
        assertThat(rootCauseSection).doesNotContain("a mistaken factor");
    }

    @Test
    void withoutContributingFactorsThePostmortemHasNoSuchParagraph() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"));

        assertThat(MarkdownPostmortem.render(postmortem("inc-1"))).doesNotContain("Contributing factors");
    }

    @Test
    void theConclusionIsTheLastSectionAndOnlyThereWhenWritten() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"));
        assertThat(MarkdownPostmortem.render(postmortem("inc-1"))).doesNotContain("## Conclusion");

        readSide.publish(inc.conclusion("17:00", "We learned a lot."), inc.conclusion("16:30", "An older draft."));
        String markdown = MarkdownPostmortem.render(postmortem("inc-1"));

        assertThat(markdown).containsSubsequence("## Metrics", "## Conclusion", "We learned a lot.");
        assertThat(markdown).doesNotContain("An older draft.");
    }

    @Test
    void theTimelineIsGroupedByDayOnlyWhenItSpansDays() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"));
        String oneDay = MarkdownPostmortem.render(postmortem("inc-1"));
        assertThat(oneDay).doesNotContain("### 2024").contains("- **2024-01-24 15:00 UTC** Issue detected");

        Scenario dns = Scenario.load("dns-change");
        readSide.publish(dns.events());
        String twoDays = MarkdownPostmortem.render(postmortem(dns.incidentId()));
        assertThat(twoDays).containsSubsequence("## Timeline", "### 2024-05-13", "- **22:45 UTC** Note: Back-filled",
                "- **23:30 UTC** Issue detected", "### 2024-05-14", "- **00:20 UTC** Escalated to network-team");
    }

    @Test
    void htmlEscapesEveryPieceOfUserText() {
        readSide.publish(
                new IssueDetected("inc-1", at("15:00"), "<b>bot</b>", "<script>alert('title')</script>",
                        "users saw <img src=x onerror=alert(1)>", SEV2, "mon & co", null, List.of("<svc>"), 10, false),
                inc.hypothesis("15:10", "h1", "\"quoted\" <em>statement</em>"),
                inc.action("15:20", "a1", ActionOutcome.NO_EFFECT, "h1"),
                inc.escalated("15:30", "<team>"),
                inc.rootCause("15:40", "</p><script>x()</script>", RootCauseCategory.SECURITY),
                inc.note("15:45", "<iframe src=evil>"),
                inc.conclusion("15:50", "<script>end()</script>"));

        String html = HtmlPostmortem.render(postmortem("inc-1"));

        assertThat(html).doesNotContain("<script", "<img", "<iframe", "<b>bot", "<svc>", "<team>", "<em>statement");
        assertThat(html).contains("<h1>Postmortem: &lt;script&gt;alert('title')&lt;/script&gt;</h1>",
                "&quot;quoted&quot; &lt;em&gt;statement&lt;/em&gt;", "mon &amp; co");
    }

    /**
     * Postmortems are pasted into wikis and chats that render Markdown: what a bot typed must come
     * out of such a renderer as the same text, never as a script, a link or a heading of its own.
     */
    @Test
    void markdownKeepsWhatUsersTypedAsTextWhenRenderedAgain() {
        readSide.publish(
                new IssueDetected("inc-1", at("15:00"), "bot", "<script>alert(1)</script> [x](javascript:alert(2))",
                        "# Not a heading\n## Nor this\n- nor a list", SEV2, "*mon*", null, List.of("a|b", "`c`"), 10,
                        false),
                inc.hypothesis("15:10", "h1", "1. not a list either ![img](http://evil/x.png)"),
                inc.escalated("15:30", "[team](https://evil.example)"),
                inc.note("15:45", "<iframe src=evil>\n\n# heading after a blank line"),
                inc.conclusion("15:50", "Lessons:\n\n# one\n<script>end()</script>"));
        PostmortemView postmortem = postmortem("inc-1");

        String markdown = MarkdownPostmortem.render(postmortem);
        String renderedByAWiki = renderedAgain(markdown);

        assertThat(renderedByAWiki).doesNotContain("<script", "<iframe", "<a ", "<img", "href", "<h1>Not", "<h2>Nor",
                "<h1>heading", "<h1>one", "<em>mon");
        assertThat(renderedByAWiki.split("<h1>", -1)).hasSize(2);
        assertThat(renderedByAWiki.split("<h2>", -1)).hasSize(ScenarioPostmortemTest.SECTIONS.size() + 2);
        assertThat(renderedByAWiki).contains("&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2))",
                "# Not a heading ## Nor this - nor a list", "[team](https://evil.example)", "a|b, `c`");
    }

    /** Both formats are renderings of one document: the HTML page holds what the Markdown renders to. */
    @Test
    void theHtmlPageSaysWhatTheMarkdownSays() {
        Scenario lb = Scenario.load("load-balancer-misconfiguration");
        readSide.publish(lb.events());
        readSide.publish(new Events(lb.incidentId()).note("16:00", "Cache <b>warm</b> again * maybe _ [1]"));
        PostmortemView postmortem = postmortem(lb.incidentId());

        String page = HtmlPostmortem.render(postmortem);
        String body = page.substring(page.indexOf("<main>\n") + 7, page.indexOf("</main>"));
        String withoutDiagram = body.substring(0, body.indexOf("<figure>"))
                + body.substring(body.indexOf("</figure>\n") + 10);

        assertThat(withoutDiagram).isEqualTo(renderedAgain(MarkdownPostmortem.render(postmortem)));
    }

    private static String renderedAgain(String markdown) {
        List<Extension> tables = List.of(TablesExtension.create());
        return HtmlRenderer.builder().extensions(tables).build()
                .render(Parser.builder().extensions(tables).build().parse(markdown));
    }

    @Test
    void htmlIsOneSelfContainedPageWithATimelineDiagram() {
        Scenario lb = Scenario.load("load-balancer-misconfiguration");
        readSide.publish(lb.events());

        String html = HtmlPostmortem.render(postmortem(lb.incidentId()));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg").doesNotContain("<script",
                "<link", "src=\"http");
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertThat(svg.split("class=\"RULED_OUT\"", -1)).hasSize(3);
        assertThat(svg.split("class=\"CONFIRMED\"", -1)).hasSize(2);
        assertThat(svg.split("class=\"esc\"", -1)).hasSize(3);
        assertThat(svg).contains("class=\"ph1\"", "class=\"ph2\"", ">3 hours 25 minutes</text>")
                .as("no phase before detection, which coincides with the impact start")
                .doesNotContain("class=\"ph0\"");
        assertThat(html).containsSubsequence("<h2>Issue Summary</h2>", "<h2>Timeline</h2>",
                "<h2>Misleading investigation paths</h2>", "<h2>Escalations</h2>", "<h2>Root Cause and Resolution</h2>",
                "<h2>Corrective and Preventative Measures</h2>", "<h2>Metrics</h2>");
        assertThat(html).contains("3 hours 30 minutes", "80%", "networking-team");
    }

    @Test
    void anUnknownIncidentHasNoPostmortem() {
        assertThat(readSide.find(new FindPostmortem("nope"), PostmortemView.class)).isEmpty();
    }
}
