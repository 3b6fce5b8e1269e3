package dev.blackbox.query.postmortem;

import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import dev.blackbox.query.Scenario;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.blackbox.events.Severity.SEV2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostmortemTemplatesTest {

    static final List<String> SCENARIOS = Scenario.NAMES;

    /** Each built-in template's sections, in order. */
    private static final Map<String, List<String>> SECTIONS = Map.of(
            "google-sre", List.of("## Summary", "## Impact", "## Root Causes and Trigger", "## Resolution",
                    "## Detection", "## Action Items", "## Lessons Learned", "## Timeline"),
            "contributors", List.of("## Contributors", "## Mitigators", "## Risks", "## What went well",
                    "## What was hard", "## Where we got lucky"),
            "brief", List.of("- **Impact:**", "- **Root cause:**", "- **Resolution:**", "- **Corrective actions:**"));

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final ReadSide readSide = new ReadSide(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));

    private PostmortemView postmortem(String incidentId) {
        return readSide.find(new FindPostmortem(incidentId), PostmortemView.class).orElseThrow();
    }

    private static PostmortemTemplates templates(Path dir, String defaultTemplate) {
        return new PostmortemTemplates(new PostmortemTemplateProperties(dir, defaultTemplate));
    }

    /** The text a reader sees once the Markdown is parsed: markup gone, escapes resolved. */
    private static String readable(String markdown) {
        StringBuilder text = new StringBuilder();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral()).append('\n');
            }
        });
        return text.toString();
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void everyBuiltInTemplateGivesItsSectionsAndTheScenarioFacts(String name) {
        Scenario scenario = Scenario.load(name);
        readSide.publish(scenario.events());
        Events inc = new Events(scenario.incidentId());
        readSide.publish(
                inc.factor("2024-05-30T10:00:00Z", "f-trigger", ContributingFactorKind.TRIGGER,
                        RootCauseCategory.CODE_CHANGE, "The change went out late in the evening"),
                inc.factor("2024-05-30T10:01:00Z", "f-risk", ContributingFactorKind.RISK, null,
                        "Only one person knew the system"),
                inc.factor("2024-05-30T10:02:00Z", "f-mitigator", ContributingFactorKind.MITIGATOR, null,
                        "Support noticed the reports quickly"));
        PostmortemView postmortem = postmortem(scenario.incidentId());
        PostmortemTemplates templates = templates(null, PostmortemTemplates.CLASSIC);

        for (Map.Entry<String, List<String>> template : SECTIONS.entrySet()) {
            String markdown = templates.markdown(template.getKey(), postmortem);
            assertThat(markdown).as(template.getKey()).containsSubsequence(template.getValue());
            assertThat(readable(markdown)).as(template.getKey()).contains(postmortem.title());
            String html = templates.html(template.getKey(), postmortem);
            assertThat(html).as(template.getKey()).startsWith("<!DOCTYPE html>").contains("<h1>");
        }
        assertThat(readable(templates.markdown("google-sre", postmortem)))
                .contains("The change went out late in the evening")
                .contains(postmortem.rootCauseAndResolution().rootCause().summary());
        assertThat(readable(templates.markdown("contributors", postmortem)))
                .containsSubsequence("The change went out late in the evening", "Support noticed the reports quickly",
                        "Only one person knew the system", "What went well", "Support noticed the reports quickly",
                        "Where we got lucky", "Only one person knew the system");
        assertThat(templates.markdown(PostmortemTemplates.CLASSIC, postmortem))
                .isEqualTo(MarkdownPostmortem.render(postmortem));
        assertThat(templates.html(PostmortemTemplates.CLASSIC, postmortem)).isEqualTo(HtmlPostmortem.render(postmortem));
    }

    @Test
    void whatUsersTypedStaysTextInEveryTemplate() {
        String title = "# 1. <script>alert(1)</script> *bold* [link](http://x) &amp; {{title}}";
        readSide.publish(new Events("inc-1").detected("15:00", SEV2),
                new dev.blackbox.events.ConclusionWritten("inc-1", Events.at("16:00"), "<img src=x onerror=alert(1)>",
                        "- not a list\n\n| not | a table |"));
        PostmortemView postmortem = withTitle(postmortem("inc-1"), title);
        PostmortemTemplates templates = templates(null, PostmortemTemplates.CLASSIC);

        for (String template : SECTIONS.keySet()) {
            String markdown = templates.markdown(template, postmortem);
            assertThat(readable(markdown)).as(template).contains(title);
            assertThat(templates.html(template, postmortem)).as(template)
                    .doesNotContain("<script>").doesNotContain("<img").doesNotContain("href=");
        }
        assertThat(readable(templates.markdown("google-sre", postmortem))).contains("- not a list", "| not | a table |");
    }

    @Test
    void aTeamTemplateFromTheDirectoryRendersTheModelAndMayBeTheDefault(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ours.mustache"), """
                # {{title}} ({{severity}})
                {{#timeline}}
                * {{when}}: {{text}}
                {{/timeline}}
                Cause: {{summary.rootCause}}
                """);
        readSide.publish(new Events("inc-1").detected("15:00", SEV2), new Events("inc-1").resolved("16:00"));
        PostmortemTemplates templates = templates(dir, "ours");

        String markdown = templates.markdown(templates.resolve(null).orElseThrow(), postmortem("inc-1"));

        assertThat(templates.names()).containsExactly("classic", "brief", "contributors", "google-sre", "ours");
        assertThat(markdown).startsWith("# Checkout is down (SEV2)\n* 2024-01-24 15:00 UTC: Issue detected")
                .endsWith("Cause: not identified yet\n");
        assertThat(templates.resolve("nope")).isEmpty();
    }

    @Test
    void aBrokenTemplateIsRefusedAtStartUpWithItsFileLineAndReason(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.mustache");
        Files.writeString(broken, "# {{title}}\n\n{{#timeline}}\n- {{text}}\n{{/timelin}}\n");

        assertThatThrownBy(() -> templates(dir, PostmortemTemplates.CLASSIC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining(":5")
                .hasMessageContaining("Mismatched start/end tags");
    }

    @Test
    void aMisspeltValueIsRefusedAtStartUpWithItsFileAndLine(@TempDir Path dir) throws IOException {
        Path misspelt = dir.resolve("misspelt.mustache");
        Files.writeString(misspelt, "# {{title}}\n\n{{#timeline}}\n- {{txet}}\n{{/timeline}}\n");

        assertThatThrownBy(() -> templates(dir, PostmortemTemplates.CLASSIC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{{txet}}")
                .hasMessageContaining(misspelt + ":4")
                .hasMessageContaining("text");
    }

    @Test
    void aTemplateCannotReachBeyondTheModelsValues(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("reacher.mustache"), "{{title.class}}");

        assertThatThrownBy(() -> templates(dir, PostmortemTemplates.CLASSIC)).hasMessageContaining("{{title.class}}");
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void theModelHoldsOnlyTheNamesTemplatesAreCheckedAgainst(String name) {
        Scenario scenario = Scenario.load(name);
        readSide.publish(scenario.events());
        readSide.publish(new Events(scenario.incidentId()).factor("2024-05-30T10:00:00Z", "f-risk",
                ContributingFactorKind.RISK, null, "Only one person knew the system"));

        Set<String> keys = new TreeSet<>();
        collectKeys(PostmortemModel.of(postmortem(scenario.incidentId())), keys);

        assertThat(PostmortemModel.NAMES).containsAll(keys);
        assertThat(keys).contains("timeline", "when", "rootCause", "identified", "risks", "hasRisks", "metrics",
                "correctiveActions", "done");
    }

    private static void collectKeys(Object value, Set<String> keys) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                keys.add((String) key);
                collectKeys(inner, keys);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> collectKeys(inner, keys));
        }
    }

    @Test
    void aTemplateCannotReadOtherFilesThroughPartials(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("secret.mustache"), "{{title}}");
        Files.writeString(dir.resolve("reader.mustache"), "{{> secret}}");

        assertThatThrownBy(() -> templates(dir, PostmortemTemplates.CLASSIC))
                .hasMessageContaining("reader.mustache")
                .hasMessageContaining("partials");
    }

    @Test
    void anUnknownDefaultTemplateOrATemplateNamedLikeABuiltInOneIsRefused(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> templates(null, "fancy")).hasMessageContaining("'fancy'");

        Files.writeString(dir.resolve("brief.mustache"), "{{title}}");
        assertThatThrownBy(() -> templates(dir, PostmortemTemplates.CLASSIC)).hasMessageContaining("built-in");
    }

    private static PostmortemView withTitle(PostmortemView p, String title) {
        return new PostmortemView(p.incidentId(), title, p.draft(), p.drill(), p.status(), p.severity(),
                p.generatedAt(), p.issueSummary(), p.timeline(), p.misleadingPaths(), p.escalations(),
                p.rootCauseAndResolution(), p.contributingFactors(), p.correctiveMeasures(), p.metrics(),
                p.conclusion(), p.hypotheses());
    }
}
