package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Paths that Tomcat or Spring Security refuse before Spring MVC sees them are answered with problem
 * documents too, and store nothing. Sent over a raw socket, since HTTP clients normalise such paths.
 */
class PathEdgesEndToEndTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EventStore eventStore;

    @BeforeEach
    void anIncident() {
        client.detect("edge-1", Tokens.RESPONDER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/incidents/edge-1%2Fx/notes",
            "/api/v1/incidents/edge-1%2fx/notes",
            "/api/v1/incidents/..%2Fedge-1/notes",
            "/api/v1/incidents/edge-1%5Cx/notes",
            "/api/v1/incidents/edge-1%00/notes",
            "/api/v1/incidents/x/../edge-1/notes",
            "/api/v1/incidents/%2E%2E/incidents/edge-1/notes",
            "/api/v1/incidents/edge-1;x=y/notes",
            "/api/v1/incidents//edge-1/notes",
            "/api/v1/incidents/edge-1%25/notes"})
    void aPathRefusedBeforeTheApplicationGetsAProblemDocumentAndStoresNothing(String path) throws IOException {
        for (String method : new String[] {"GET", "POST"}) {
            String answer = send(method, path);

            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            JsonNode problem = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(head).as(method + " " + path).startsWith("HTTP/1.1 400 ")
                    .containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asText()).isNotBlank();
            assertThat(answer).doesNotContain("<html", "Tomcat", "Exception");
        }
        assertThat(eventStore.readEvents("edge-1", 0).asStream().count()).isEqualTo(1);
    }

    private String send(String method, String path) throws IOException {
        byte[] body = "{\"text\":\"Paged the DBA\"}".getBytes(StandardCharsets.UTF_8);
        String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + Tokens.RESPONDER + "\r\n"
                + (method.equals("POST")
                        ? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"
                                + new String(body, StandardCharsets.UTF_8)
                        : "\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return dechunked(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Joins a chunked body's chunks, so the body can be read as one JSON document. */
    private static String dechunked(String answer) {
        int split = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, split);
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            return answer;
        }
        StringBuilder body = new StringBuilder();
        String rest = answer.substring(split + 4);
        while (true) {
            int lineEnd = rest.indexOf("\r\n");
            int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
            if (size == 0) {
                return head + "\r\n\r\n" + body;
            }
            body.append(rest, lineEnd + 2, lineEnd + 2 + size);
            rest = rest.substring(lineEnd + 2 + size + 2);
        }
    }
}
