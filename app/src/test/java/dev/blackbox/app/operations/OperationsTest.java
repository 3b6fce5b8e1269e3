package dev.blackbox.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.app.BlackboxApplication;
import dev.blackbox.app.postgres.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** What an operator running Blackbox relies on: metrics, build details, probes, proxies, docs and logs. */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest {

    private static final String ADMIN = "admin-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stop() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void axonsOwnMetersAreScrapedWithTheProcessorsAndCommandsNamed() {
        int port = start();
        assertThat(send(port, "POST", "/api/v1/incidents", """
                {"incidentId":"ops-1","title":"Checkout fails","severity":"SEV2"}""", Map.of()).statusCode())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                send(port, "GET", "/actuator/prometheus", null, Map.of()).body())
                .contains("eventProcessor_latency{", "processorName=\"read-models\"")
                .contains("eventProcessor_capacity{")
                .contains("commandBus_successTimer_seconds_count{payloadType=\"DetectIssue\"}"));
    }

    @Test
    void infoNamesTheBuildAndTheCommitItWasBuiltFrom() throws IOException {
        int port = start();

        JsonNode info = JSON.readTree(send(port, "GET", "/actuator/info", null, Map.of()).body());

        assertThat(info.at("/build/version").asText()).isNotBlank();
        assertThat(info.at("/build/time").asText()).isNotBlank();
        assertThat(info.at("/git/commit/id").asText()).matches("[0-9a-f]{7,}");
    }

    @Test
    void behindAReverseProxyLocationsPointAtTheProxy() {
        int port = start();

        HttpResponse<String> created = send(port, "POST", "/api/v1/incidents", """
                {"incidentId":"ops-2","title":"Checkout fails","severity":"SEV2"}""",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "blackbox.example.com",
                        "X-Forwarded-Port", "443"));

        assertThat(created.headers().firstValue("Location"))
                .hasValue("https://blackbox.example.com/api/v1/incidents/ops-2");
    }

    @Test
    void theOpenApiDocumentDeclaresTheTokenAndTheProblemAnswersAndSwaggerUiIsServedHere() throws IOException {
        int port = start();

        JsonNode api = JSON.readTree(send(port, "GET", "/v3/api-docs", null, Map.of()).body());
        HttpResponse<String> ui = send(port, "GET", "/swagger-ui/index.html", null, Map.of());
        HttpResponse<String> initializer = send(port, "GET", "/swagger-ui/swagger-initializer.js", null, Map.of());

        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/security/0").has("bearer")).isTrue();
        JsonNode resolve = api.at("/paths/~1api~1v1~1incidents~1{incidentId}~1resolution/post/responses");
        assertThat(resolve.fieldNames()).toIterable().contains("202", "400", "401", "403", "404", "409");
        assertThat(resolve.at("/409/content").has("application/problem+json")).isTrue();
        assertThat(api.at("/components/schemas/Problem/properties").has("detail")).isTrue();
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui-bundle.js").doesNotContain("https://", "http://");
        assertThat(initializer.body()).contains("/v3/api-docs").doesNotContain("https://", "http://");
        assertThat(send(port, "GET", "/swagger-ui/swagger-ui-bundle.js", null, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void notReadyWhileTheDatabaseIsUnreachableAndReadyAgainAfter() {
        List<String> database = Postgres.freshDatabase();
        List<String> settings = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.hikari.connection-timeout=1000"));
        database.forEach(setting -> settings.add("--" + setting));
        int port = start(settings);
        assertThat(send(port, "GET", "/actuator/health/readiness", null, Map.of()).statusCode()).isEqualTo(200);

        Postgres.reachable(Postgres.name(database), false);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> readiness = send(port, "GET", "/actuator/health/readiness", null, Map.of());
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"DOWN\"");
            });
            assertThat(send(port, "GET", "/actuator/health/liveness", null, Map.of()).statusCode()).isEqualTo(200);
        } finally {
            Postgres.reachable(Postgres.name(database), true);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                send(port, "GET", "/actuator/health/readiness", null, Map.of()).statusCode()).isEqualTo(200));
    }

    @Test
    void oneSettingTurnsTheLogIntoJsonLines(CapturedOutput output) throws IOException {
        try {
            start(List.of("--logging.structured.format.console=ecs"));
        } finally {
            // Spring Boot keeps a logging set-up for later applications in this JVM: give them the default.
            LoggingSystem.get(getClass().getClassLoader()).cleanUp();
        }

        String started = output.getOut().lines().filter(line -> line.contains("Tomcat started on port"))
                .findFirst().orElseThrow();
        JsonNode line = JSON.readTree(started);
        assertThat(line.get("@timestamp").asText()).isNotBlank();
        assertThat(line.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(line.at("/log/logger").asText()).endsWith("TomcatWebServer");
        assertThat(line.get("message").asText()).startsWith("Tomcat started on port");
    }

    private int start() {
        return start(List.of());
    }

    private int start(List<String> settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--blackbox.data-dir=" + dataDir,
                "--blackbox.training.library=",
                "--blackbox.security.tokens[0].name=operator",
                "--blackbox.security.tokens[0].role=admin",
                "--blackbox.security.tokens[0].secret=" + ADMIN));
        arguments.addAll(settings);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BlackboxApplication.class)
                .run(arguments.toArray(String[]::new));
        running.add(context);
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private HttpResponse<String> send(int port, String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
