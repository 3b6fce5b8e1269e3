package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * NoteAdded moved to revision 2, then 3. Notes stored, or exported, as revision 1 by an earlier
 * version must still load, replay and render, as internal notes without labels.
 */
class EventEvolutionEndToEndTest extends EndToEndTest {

    private static final String DNS = "dns-2024-02-10";
    private static final String DETECTED_REVISION_1 = """
            {"incidentId":"dns-2024-02-10","occurredAt":"2024-02-10T09:00:00Z","recordedBy":"alert-bot",
             "title":"Customers cannot resolve api.example.com","description":null,"severity":"SEV2",
             "detectedBy":"monitoring","impactStartedAt":"2024-02-10T09:00:00Z","affectedServices":["api"],
             "userImpactPercent":40,"drill":false}""";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void revisionOneNotesInTheStoreLoadReplayAndRender() throws IOException {
        store(0, "dev.blackbox.events.IssueDetected", "1", DETECTED_REVISION_1);
        store(1, "dev.blackbox.events.NoteAdded", "1", fixture());

        JsonNode timeline = await("/api/v1/incidents/" + DNS + "/timeline", t -> t.path("entries").size() == 2);
        String postmortem = awaitPostmortem(DNS, markdown -> markdown.contains("status page update"));
        Answer laterNote = client.post("/api/v1/incidents/" + DNS + "/notes",
                "{\"noteId\":\"n-public\",\"text\":\"Resolved for all customers\",\"visibility\":\"PUBLIC\"}",
                Tokens.RESPONDER);
        List<String> exported = client.get("/api/v1/incidents/" + DNS + "/events", Tokens.VIEWER).body().lines().toList();
        assertThat(client.post("/api/v1/admin/projections/timeline/replay", null, Tokens.ADMIN).status()).isEqualTo(202);
        JsonNode replayed = await("/api/v1/incidents/" + DNS + "/timeline", t -> t.path("entries").size() == 3);

        assertThat(timeline.get("entries").get(1).get("text").asText())
                .isEqualTo("Note: Customer support has posted a status page update");
        assertThat(postmortem).contains("Customer support has posted a status page update");
        assertThat(laterNote.status()).as(laterNote.body()).isEqualTo(201);
        assertThat(exported.get(1)).contains("\"type\":\"NoteAdded\",\"revision\":\"3\"")
                .contains("\"visibility\":\"INTERNAL\"").contains("\"labels\":{}");
        assertThat(texts(replayed)).containsExactly("Issue detected by monitoring: Customers cannot resolve "
                        + "api.example.com (SEV2)", "Note: Customer support has posted a status page update",
                "Public update: Resolved for all customers");
    }

    @Test
    void anHistoryExportedWithRevisionOneNotesImportsAsTheCurrentRevision() throws IOException {
        String ndjson = line(0, "IssueDetected", "1", DETECTED_REVISION_1) + line(1, "NoteAdded", "1", fixture());

        Answer imported = client.exchange("POST", "/api/v1/incidents/import?incidentId=dns-copy", ndjson,
                Tokens.ADMIN, Map.of("Content-Type", "application/x-ndjson"));
        String exported = client.get("/api/v1/incidents/dns-copy/events", Tokens.VIEWER).body();

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(exported).contains("\"type\":\"NoteAdded\",\"revision\":\"3\"")
                .contains("\"visibility\":\"INTERNAL\"").contains("\"labels\":{}");
    }

    /** Writes an event row the way an earlier version of Blackbox stored it. */
    private void store(long sequence, String payloadType, String revision, String payload) {
        jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, ?, 'Incident', ?, ?, ?, ?, ?, '2024-02-10T09:00:00Z')",
                DNS, sequence, DNS + "-" + sequence, "{}".getBytes(StandardCharsets.UTF_8),
                payload.replace("\n", "").getBytes(StandardCharsets.UTF_8), revision, payloadType);
    }

    private static String line(long sequence, String type, String revision, String payload) {
        String compact = payload.replace("\n", "").trim();
        return "{\"type\":\"" + type + "\",\"revision\":\"" + revision + "\",\"sequence\":" + sequence
                + ",\"occurredAt\":\"2024-02-10T09:00:00Z\",\"payload\":" + compact + "}\n";
    }

    private static List<String> texts(JsonNode timeline) {
        List<String> texts = new ArrayList<>();
        timeline.get("entries").forEach(entry -> texts.add(entry.get("text").asText()));
        return texts;
    }

    private static String fixture() throws IOException {
        try (InputStream in = EventEvolutionEndToEndTest.class.getResourceAsStream("/fixtures/note-added-revision-1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
