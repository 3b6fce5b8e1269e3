package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackbox.app.BlackboxApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code blackbox.mode} decides which side a process runs; the other side is not even loaded. */
class DeploymentModeTest {

    private static final String RESPONDER = "responder-secret-for-tests";

    @TempDir
    Path dataDir;

    @Test
    void aQueryOnlyProcessAcceptsNoCommands() throws Exception {
        try (ConfigurableApplicationContext query = start("query")) {
            assertThat(query.containsBean("incidentCommandController")).isFalse();
            assertThat(detect(query)).isEqualTo(404);
        }
    }

    @Test
    void aCommandOnlyProcessRunsNoProjections() throws Exception {
        try (ConfigurableApplicationContext command = start("command")) {
            assertThat(command.containsBean("incidentCommandController")).isTrue();
            assertThat(command.getBean(EventProcessingConfiguration.class).eventProcessors()).isEmpty();
            assertThat(detect(command)).isEqualTo(201);
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

    private static int detect(ConfigurableApplicationContext context) throws IOException, InterruptedException {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/incidents"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + RESPONDER)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Checkout fails\",\"severity\":\"SEV2\"}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
