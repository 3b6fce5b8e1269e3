package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackbox.app.BlackboxApplication;
import dev.blackbox.plumbing.processing.DispatchByPayloadType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code blackbox.mode} decides which side a process runs; the other side is not even loaded. */
class DeploymentModeTest {

    private static final String RESPONDER = "responder-secret-for-tests";
    private static final String DETECTION = "{\"title\":\"Checkout fails\",\"severity\":\"SEV2\"}";
    private static final String READ_MODELS = "read-models";
    private static final String DRILL_SAGA = "DrillSagaProcessor";
    private static final String ESCALATION_SAGA = "EscalationSagaProcessor";

    @TempDir
    Path dataDir;

    @Test
    void aQueryOnlyProcessAnswersQueriesButAcceptsNoCommands() throws Exception {
        try (ConfigurableApplicationContext query = start("query")) {
            EventProcessingConfiguration processing = query.getBean(EventProcessingConfiguration.class);
            assertThat(processing.eventProcessors()).containsKeys(READ_MODELS).doesNotContainKey(DRILL_SAGA);
            assertThat(processing.eventProcessor(READ_MODELS, AbstractEventProcessor.class).orElseThrow()
                    .eventHandlerInvoker()).isInstanceOf(DispatchByPayloadType.class);
            assertThat(send(query, "GET", "/api/v1/incidents", null)).isEqualTo(200);
            assertThat(send(query, "POST", "/api/v1/incidents/any/acknowledgements", "{}")).isEqualTo(404);
            assertThat(send(query, "GET", "/login", null)).as("the web interface needs both sides").isEqualTo(404);
        }
    }

    @Test
    void aCommandOnlyProcessAcceptsCommandsButKeepsNoReadModels() throws Exception {
        try (ConfigurableApplicationContext command = start("command")) {
            assertThat(command.getBean(EventProcessingConfiguration.class).eventProcessors())
                    .containsOnlyKeys(DRILL_SAGA, ESCALATION_SAGA);
            assertThat(send(command, "POST", "/api/v1/incidents", DETECTION)).isEqualTo(201);
            assertThat(send(command, "GET", "/api/v1/incidents/any/timeline", null)).isEqualTo(404);
            assertThat(send(command, "GET", "/login", null)).as("the web interface needs both sides").isEqualTo(404);
        }
    }

    @Test
    void aMisspeltModeStopsTheStart() {
        assertThatThrownBy(() -> start("commands").close())
                .hasStackTraceContaining("blackbox.mode");
    }

    private ConfigurableApplicationContext start(String mode) {
        return new SpringApplicationBuilder(BlackboxApplication.class).run(
                "--blackbox.mode=" + mode,
                "--blackbox.data-dir=" + dataDir,
                "--server.port=0",
                "--blackbox.security.tokens[0].name=alert-bot",
                "--blackbox.security.tokens[0].role=responder",
                "--blackbox.security.tokens[0].secret=" + RESPONDER);
    }

    private static int send(ConfigurableApplicationContext context, String method, String path, String json)
            throws IOException, InterruptedException {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + RESPONDER)
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
