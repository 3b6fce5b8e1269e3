package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a bot was told is stored must still be there after the process stops and starts again. */
class RestartEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String NOTE = """
            {"noteId":"n-tokens","text":"Token errors since 14:02"}""";

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedEventSurvivesARestart() {
        // Snapshot early, so that the second start loads the incident from a snapshot plus events.
        try (ConfigurableApplicationContext first = start("blackbox.snapshots.threshold=2")) {
            recordEvents(Installations.client(first));
        }
        try (ConfigurableApplicationContext second = start("blackbox.snapshots.threshold=2")) {
            assertThat(second.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = 'restart-1'",
                    Integer.class)).isPositive();
            // The aggregate is rebuilt from its snapshot and later events.
            assertRetryRecognisedAndHypothesisKnown(second);
        }
    }

    @Test
    void aSnapshotOfTheRevisionBeforeIsSkipped() throws Exception {
        try (ConfigurableApplicationContext first = start("blackbox.snapshots.threshold=2")) {
            recordEvents(Installations.client(first));
            // What revision 1 stored: no revision, and the fingerprints as an object keyed by scope,
            // which revision 2 cannot read.
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            List<Map<String, Object>> snapshots = waitForSnapshots(jdbc);
            for (Map<String, Object> snapshot : snapshots) {
                ObjectNode state = (ObjectNode) JSON.readTree((byte[]) snapshot.get("payload"));
                JsonNode pairs = state.get("fingerprints");
                ObjectNode byScope = state.putObject("fingerprints");
                for (int i = 0; i < pairs.size(); i += 2) {
                    byScope.put(pairs.get(i).asText(), pairs.get(i + 1).asText());
                }
                jdbc.update("UPDATE snapshot_event_entry SET payload = ?, payload_revision = NULL"
                                + " WHERE aggregate_identifier = 'restart-1' AND sequence_number = ?",
                        JSON.writeValueAsBytes(state), snapshot.get("sequence_number"));
            }
        }
        try (ConfigurableApplicationContext second = start("blackbox.snapshots.threshold=2")) {
            // Loaded from its events instead, it still knows everything the snapshot said.
            assertRetryRecognisedAndHypothesisKnown(second);
        }
    }

    private static void recordEvents(BlackboxClient client) {
        assertThat(client.post("/api/v1/incidents", """
                {"incidentId":"restart-1","title":"Logins fail","severity":"SEV1"}""",
                Tokens.RESPONDER).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/incidents/restart-1/hypotheses", """
                {"hypothesisId":"h-idp","statement":"The identity provider rejects tokens"}""",
                Tokens.RESPONDER).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/incidents/restart-1/escalations", """
                {"escalationTarget":"identity-team"}""", Tokens.RESPONDER).status()).isEqualTo(202);
        assertThat(client.post("/api/v1/incidents/restart-1/notes", NOTE, Tokens.RESPONDER).status())
                .isEqualTo(201);
    }

    /**
     * The incident recognises the earlier requests (no second event), refuses the note's id for
     * another text, and can rule out its hypothesis.
     */
    private static void assertRetryRecognisedAndHypothesisKnown(ConfigurableApplicationContext context) {
        BlackboxClient client = Installations.client(context);
        assertThat(events(context)).extracting(event -> event.getPayloadType().getSimpleName())
                .containsExactly("IssueDetected", "HypothesisRecorded", "IncidentEscalated", "NoteAdded");
        assertThat(client.post("/api/v1/incidents/restart-1/hypotheses", """
                {"hypothesisId":"h-idp","statement":"The identity provider rejects tokens"}""",
                Tokens.RESPONDER).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/incidents/restart-1/notes", NOTE, Tokens.RESPONDER).status())
                .isEqualTo(201);
        assertThat(client.post("/api/v1/incidents/restart-1/notes", """
                {"noteId":"n-tokens","text":"Token errors stopped"}""", Tokens.RESPONDER).status())
                .isEqualTo(409);
        assertThat(client.post("/api/v1/incidents/restart-1/hypotheses/h-idp/rule-out", """
                {"evidence":"The provider's own login works"}""", Tokens.RESPONDER).status()).isEqualTo(202);
        assertThat(events(context)).extracting(event -> event.getPayloadType().getSimpleName())
                .containsExactly("IssueDetected", "HypothesisRecorded", "IncidentEscalated", "NoteAdded",
                        "HypothesisRuledOut");
    }

    /** Snapshots are taken on a thread of their own, after the command that triggered one. */
    private static List<Map<String, Object>> waitForSnapshots(JdbcTemplate jdbc) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.queryForList("SELECT sequence_number, payload FROM snapshot_event_entry"
                        + " WHERE aggregate_identifier = 'restart-1'"),
                snapshots -> !snapshots.isEmpty());
    }

    /** Where events are stored; empty for the embedded default. Both starts use the same store. */
    List<String> storeSettings() {
        return List.of();
    }

    private ConfigurableApplicationContext start(String setting) {
        List<String> settings = new ArrayList<>(storeSettings());
        settings.add(setting);
        return Installations.start(dataDir, settings.toArray(String[]::new));
    }

    private static List<? extends EventMessage<?>> events(ConfigurableApplicationContext context) {
        return context.getBean(EventStore.class).readEvents("restart-1", 0).asStream().toList();
    }
}
