package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * An import sent in chunks declares no length, so its limit is found while the controller reads the
 * history line by line, past the filter that checks declared lengths.
 */
@TestPropertySource(properties = "blackbox.http.max-import-bytes=4096")
class ImportBodyLimitEndToEndTest extends EndToEndTest {

    @Test
    void aChunkedImportOverItsLimitIsTooLargeAndStoresNothing() throws Exception {
        int incidentsBefore = client.get("/api/v1/incidents", Tokens.ADMIN).json().get("total").asInt();
        // One long first line: the history is refused for its size before any line is checked.
        byte[] history = ("{\"title\":\"" + "x".repeat(8_000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST /api/v1/incidents/import HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + Tokens.ADMIN + "\r\nContent-Type: application/x-ndjson\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int from = 0; from < history.length; from += 500) {
            int length = Math.min(500, history.length - from);
            request.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(history, from, length);
            request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        String answer;
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(request.toByteArray());
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(answer).contains("Request body too large");
        assertThat(client.get("/api/v1/incidents", Tokens.ADMIN).json().get("total").asInt())
                .isEqualTo(incidentsBefore);
    }
}
