package dev.blackbox.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real Tomcat, no configured tokens: the generated admin token works, and the error and async
 * dispatches (which MockMvc does not perform like a container) keep the status and the caller.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {SecurityConfig.class, GeneratedAdminTokenServerTest.ProbeController.class})
@ImportAutoConfiguration({
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class})
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminTokenServerTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void useTheTemporaryDataDir(DynamicPropertyRegistry properties) {
        properties.add("blackbox.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theGeneratedTokenIsAnAdminTokenAndIsNeverLogged(CapturedOutput output) throws Exception {
        String token = Files.readString(dataDir.resolve("admin-token")).strip();

        HttpResponse<String> response = send("/api/v1/incidents", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("admin");
        assertThat(output.getAll()).contains(dataDir.resolve("admin-token").toString()).doesNotContain(token);
    }

    @Test
    void aMissingTokenIs401OnTheWireNot403() throws Exception {
        HttpResponse<String> response = send("/api/v1/incidents", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE)).hasValue("Bearer");
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE))
                .hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.body()).contains("\"status\":401").contains("\"instance\":\"/api/v1/incidents\"");
    }

    @Test
    void anUnknownTokenIs401() throws Exception {
        assertThat(send("/api/v1/incidents", "Bearer not-the-admin-token").statusCode()).isEqualTo(401);
    }

    @Test
    void aFailureOnAnOpenPathKeepsItsStatusWithoutAToken() throws Exception {
        assertThat(send("/v3/api-docs/broken", null).statusCode()).isEqualTo(500);
    }

    @Test
    void aStreamedAnswerStaysAuthenticatedOnItsAsyncDispatch() throws Exception {
        String token = Files.readString(dataDir.resolve("admin-token")).strip();

        HttpResponse<String> response = send("/api/v1/incidents/i1/live", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("admin");
    }

    private HttpResponse<String> send(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @RestController
    static class ProbeController {

        @GetMapping("/api/v1/incidents")
        String read(Principal caller) {
            return caller.getName();
        }

        /** Fails past Spring MVC's exception handling, so the container forwards to the error page. */
        @GetMapping("/v3/api-docs/broken")
        String broken() {
            throw new IllegalStateException("probe failure");
        }

        @GetMapping("/api/v1/incidents/{id}/live")
        Callable<String> live(Principal caller) {
            return caller::getName;
        }
    }
}
