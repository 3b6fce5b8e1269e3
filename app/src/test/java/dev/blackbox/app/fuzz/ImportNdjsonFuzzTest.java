package dev.blackbox.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackbox.query.OwnDataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Coverage-guided fuzzing of the NDJSON import: real exported histories, damaged line by line and
 * field by field. Whatever arrives, the answer is never a server error, a refused history stores
 * nothing, and an accepted one stores exactly its lines. Fuzzed under {@code verify} like the
 * command endpoints.
 */
@SpringBootTest(properties = {
        "blackbox.security.tokens[0].name=fuzz-admin",
        "blackbox.security.tokens[0].role=admin",
        "blackbox.security.tokens[0].secret=" + ImportNdjsonFuzzTest.TOKEN,
        "blackbox.training.library=",
        // Refused imports are logged by Axon at WARN with a stack trace; at fuzzing rates that
        // logging, not the import, would be what runs.
        "logging.level.org.axonframework=error"})
@AutoConfigureMockMvc
class ImportNdjsonFuzzTest extends OwnDataDirectory {

    static final String TOKEN = "fuzz-import-token-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SAMPLE = lines("/training-library/lb-misconfig-2024-01-24.ndjson");
    private static final List<String> TYPES = List.of("IssueDetected", "IncidentAcknowledged", "IncidentEscalated",
            "HypothesisRecorded", "HypothesisRuledOut", "HypothesisConfirmed", "ActionTaken", "ImpactAssessed",
            "SeverityChanged", "RootCauseIdentified", "IncidentMitigated", "IncidentResolved", "IncidentReopened",
            "CorrectiveActionAdded", "CorrectiveActionCompleted", "NoteAdded", "ConclusionWritten",
            "ContributingFactorIdentified", "ContributingFactorWithdrawn", "Paged");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    private int imports;

    @FuzzTest(maxDuration = "30s")
    void damagedHistoriesAreRefusedWholeAndNothingIsAServerError(FuzzedDataProvider data) throws Exception {
        // A fresh id per input, so that a history accepted once does not turn every later one into a 409.
        String incidentId = "fuzz-" + imports++;
        String body = data.consumeInt(0, 7) == 0 ? data.consumeRemainingAsString() : damaged(data);

        long before = storedEvents();
        MvcResult result = mvc.perform(post("/api/v1/incidents/import")
                        .param("incidentId", data.consumeBoolean() ? incidentId : data.consumeString(40))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                        .contentType("application/x-ndjson")
                        .content(body.getBytes(StandardCharsets.UTF_8)))
                .andReturn();
        int status = result.getResponse().getStatus();
        long stored = storedEvents() - before;

        assertThat(status).as("%s -> %s", body, result.getResponse().getContentAsString()).isLessThan(500);
        if (status >= 300) {
            assertThat(stored).as("events stored by a refused import of %s", body).isZero();
        } else {
            assertThat(stored).as("events stored by an accepted import of %s", body)
                    .isEqualTo(body.lines().filter(line -> !line.isBlank()).count());
        }
    }

    /** The sample history with a few of its lines dropped, repeated, swapped or altered. */
    private static String damaged(FuzzedDataProvider data) {
        List<String> lines = new ArrayList<>(SAMPLE);
        int damages = data.consumeInt(0, 4);
        for (int i = 0; i < damages && !lines.isEmpty() && data.remainingBytes() > 0; i++) {
            int at = data.consumeInt(0, lines.size() - 1);
            switch (data.consumeInt(0, 5)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(data.consumeInt(0, lines.size()), lines.get(at));
                case 2 -> lines.set(at, lines.set(data.consumeInt(0, lines.size() - 1), lines.get(at)));
                case 3 -> lines.set(at, field(data, lines.get(at)));
                case 4 -> lines.set(at, payloadField(data, lines.get(at)));
                default -> lines.set(at, data.consumeString(200));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * One of the envelope's fields replaced: a type, a revision, a sequence or a time. An earlier
     * damage may have left the line something other than a JSON object; that line stays as it is.
     */
    private static String field(FuzzedDataProvider data, String text) {
        ObjectNode line = object(text);
        if (line == null) {
            return text;
        }
        switch (data.consumeInt(0, 3)) {
            case 0 -> line.put("type", TYPES.get(data.consumeInt(0, TYPES.size() - 1)));
            case 1 -> line.put("revision", data.consumeBoolean() ? String.valueOf(data.consumeInt(0, 3)) : data.consumeString(5));
            case 2 -> line.put("sequence", data.consumeLong());
            default -> line.put("occurredAt", data.consumeString(30));
        }
        return line.toString();
    }

    /** One of the payload's existing fields given a fuzzed value, or removed. */
    private static String payloadField(FuzzedDataProvider data, String text) {
        ObjectNode line = object(text);
        if (line == null || !(line.get("payload") instanceof ObjectNode payload) || payload.isEmpty()) {
            return text;
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = payload.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        String name = names.get(data.consumeInt(0, names.size() - 1));
        switch (data.consumeInt(0, 3)) {
            case 0 -> payload.remove(name);
            case 1 -> payload.put(name, data.consumeLong());
            case 2 -> payload.putNull(name);
            default -> payload.put(name, data.consumeString(60));
        }
        return line.toString();
    }

    /** The line as a JSON object, or null when it is not one. */
    private static ObjectNode object(String line) {
        try {
            return JSON.readTree(line) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = ImportNdjsonFuzzTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
