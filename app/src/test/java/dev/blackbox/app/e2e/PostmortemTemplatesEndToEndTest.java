package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Postmortem templates as an installation configures them: a team's own, a default, and a broken one. */
class PostmortemTemplatesEndToEndTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path templatesDir;

    @Test
    void theDefaultTemplateAndATeamTemplateShapeThePostmortemOfEveryIncident() throws IOException {
        Files.writeString(templatesDir.resolve("oncall.mustache"), """
                # {{title}}
                Root cause: {{summary.rootCause}}
                {{#risks}}
                - Risk: {{description}}
                {{/risks}}
                """);
        try (ConfigurableApplicationContext app = Installations.start(dataDir,
                "blackbox.postmortem.templates-dir=" + templatesDir, "blackbox.postmortem.default-template=google-sre")) {
            BlackboxClient client = Installations.client(app);
            client.post("/api/v1/incidents", """
                    {"incidentId":"tpl-1","title":"Search <em>fails</em>","severity":"SEV2"}""", Tokens.RESPONDER);
            client.post("/api/v1/incidents/tpl-1/contributing-factors", """
                    {"description":"One indexer node","kind":"RISK"}""", Tokens.RESPONDER);
            String path = "/api/v1/incidents/tpl-1/postmortem";

            String byDefault = awaitBody(client, path, body -> body.contains("Risk"));
            String ours = client.get(path + "?template=oncall", Tokens.VIEWER).body();
            String classic = client.get(path + "?template=classic", Tokens.VIEWER).body();
            Answer html = client.exchange("GET", path + "?template=oncall", null, Tokens.VIEWER,
                    Map.of("Accept", "text/html"));
            Answer json = client.exchange("GET", path + "?template=oncall", null, Tokens.VIEWER,
                    Map.of("Accept", "application/json"));
            Answer unknown = client.get(path + "?template=fancy", Tokens.VIEWER);

            assertThat(byDefault).containsSubsequence("## Summary", "## Root Causes and Trigger", "## Timeline");
            assertThat(ours).isEqualTo("""
                    # Search \\<em\\>fails\\</em\\>
                    Root cause: not identified yet
                    - Risk: One indexer node
                    """);
            assertThat(classic).contains("## Issue Summary");
            assertThat(html.body()).contains("<h1>Search &lt;em&gt;fails&lt;/em&gt;</h1>").doesNotContain("<em>fails");
            assertThat(json.contentType()).startsWith("application/json");
            assertThat(json.json().get("title").asText()).isEqualTo("Search <em>fails</em>");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.contentType()).startsWith("application/problem+json");
            assertThat(unknown.json().get("parameter").asText()).isEqualTo("template");
            assertThat(unknown.json().get("detail").asText()).contains("google-sre").contains("oncall");
        }
    }

    @Test
    void aBrokenTemplateStopsTheStartWithItsFileLineAndReason() throws IOException {
        Path broken = templatesDir.resolve("broken.mustache");
        Files.writeString(broken, "# {{title}}\n{{#risks}}\n- {{description}}\n");

        assertThatThrownBy(() -> Installations.start(dataDir, "blackbox.postmortem.templates-dir=" + templatesDir)
                .close())
                .hasStackTraceContaining(broken.toString())
                .hasStackTraceContaining("Failed to close 'risks' tag")
                .hasStackTraceContaining(":2");
    }

    private static String awaitBody(BlackboxClient client, String path, java.util.function.Predicate<String> until) {
        Instant deadline = Instant.now().plus(EndToEndTest.PROJECTION_PATIENCE);
        Answer answer = client.get(path, Tokens.VIEWER);
        while (!(answer.status() == 200 && until.test(answer.body())) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = client.get(path, Tokens.VIEWER);
        }
        return answer.body();
    }
}
