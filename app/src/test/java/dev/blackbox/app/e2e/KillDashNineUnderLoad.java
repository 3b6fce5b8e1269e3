package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as its own process, is killed with SIGKILL while bots are sending commands.
 * Every command it answered with 2xx must be in the event store afterwards, once, and on the
 * timeline once; the restarted process must carry on from there. Run by failsafe after {@code package},
 * on the jar users run, once per store: each subclass says how the process reaches its store and how
 * the test reads what the store holds.
 */
abstract class KillDashNineUnderLoad {

    private static final int BOTS = 8;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 400;
    private static final long LOAD_TIMEOUT_MILLIS = 120_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The stored payload type of a note, as every store names it. */
    static final String NOTE_ADDED = "dev.blackbox.events.NoteAdded";

    @TempDir
    Path dataDir;

    private Process server;

    /** The settings, beyond the data directory and the tokens, that point the process at the store. */
    abstract String[] storeSettings();

    /**
     * The note ids stored for each of {@code incidents}, in each incident's order, read from the store
     * while no server is running: what is on disk, not what a process remembers.
     */
    abstract Map<String, List<String>> storedNotes(Path dataDir, Set<String> incidents) throws Exception;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void everyAcknowledgedCommandSurvivesKillDashNineOnceAndTheServerCarriesOn() throws Exception {
        server = RunningJar.start(dataDir, storeSettings());
        BlackboxClient client = new BlackboxClient(RunningJar.port(dataDir).orElseThrow());

        // What each bot was told is stored: incident id -> note ids answered 2xx.
        Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
        // A store that outlives the test (an Axon Server) may hold an earlier run's incidents.
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger acknowledgedCount = new AtomicInteger();
        List<Thread> bots = new ArrayList<>();
        for (int b = 0; b < BOTS; b++) {
            String incident = "crash-" + run + "-" + b;
            Thread bot = new Thread(() -> sendUntilRefused(client, incident, acknowledged, acknowledgedCount));
            bots.add(bot);
            bot.start();
        }
        long deadline = System.currentTimeMillis() + LOAD_TIMEOUT_MILLIS;
        while (acknowledgedCount.get() < ACKNOWLEDGED_BEFORE_KILL && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(acknowledgedCount.get()).as("commands acknowledged before the kill").isGreaterThanOrEqualTo(
                ACKNOWLEDGED_BEFORE_KILL);

        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // 128 + 9: the JVM got SIGKILL, so no shutdown hook, flush or close ran.
        assertThat(server.exitValue()).isEqualTo(137);
        for (Thread bot : bots) {
            bot.join(TimeUnit.SECONDS.toMillis(60));
        }

        Map<String, List<String>> stored = storedNotes(dataDir, acknowledged.keySet());
        for (Map.Entry<String, Set<String>> incident : acknowledged.entrySet()) {
            List<String> notes = stored.getOrDefault(incident.getKey(), List.of());
            assertThat(notes).as("notes stored for %s", incident.getKey())
                    .containsAll(incident.getValue())
                    .doesNotHaveDuplicates();
        }

        server = RunningJar.start(dataDir, storeSettings());
        BlackboxClient restarted = new BlackboxClient(RunningJar.port(dataDir).orElseThrow());
        for (Map.Entry<String, Set<String>> incident : acknowledged.entrySet()) {
            for (String retried : incident.getValue().stream().limit(1).toList()) {
                assertThat(addNote(restarted, incident.getKey(), retried).status()).as("retry after restart")
                        .isEqualTo(201);
            }
            assertThat(addNote(restarted, incident.getKey(), "after-restart").status()).isEqualTo(201);
        }
        // The timeline catches up with what was stored before the kill, and shows each note once.
        for (String incident : acknowledged.keySet()) {
            List<String> expected = new ArrayList<>(stored.get(incident));
            expected.add("after-restart");
            Timeline timeline = timeline(restarted, incident, expected.size());
            assertThat(timeline.notes())
                    .as(() -> "timeline notes of " + incident + " (last answered " + timeline.status()
                            + "); the read models as the server reports them: " + projections(restarted)
                            + "\nthe server's log, both runs:\n" + RunningJar.log(dataDir))
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(id -> "Note: Free space " + id).toList());
        }
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Map<String, List<String>> afterRestart = storedNotes(dataDir, acknowledged.keySet());
        for (String incident : acknowledged.keySet()) {
            List<String> expected = new ArrayList<>(stored.get(incident));
            expected.add("after-restart");
            assertThat(afterRestart.get(incident)).as("notes of %s after the restart", incident)
                    .containsExactlyElementsOf(expected);
        }
    }

    /** What the admin API says of each read model: its state, position, segments and errors. */
    private static String projections(BlackboxClient client) {
        try {
            Answer answer = client.get("/api/v1/admin/projections", Tokens.ADMIN);
            return answer.status() + " " + answer.body();
        } catch (UncheckedIOException e) {
            return "(no answer: " + e + ")";
        }
    }

    /** The notes the incident's timeline last showed, and the status of the last read. */
    private record Timeline(int status, List<String> notes) {
    }

    /** The incident's timeline, once it shows at least {@code expected} notes or the wait runs out. */
    private static Timeline timeline(BlackboxClient client, String incident, int expected)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + LOAD_TIMEOUT_MILLIS;
        Timeline timeline = new Timeline(0, List.of());
        while (System.currentTimeMillis() < deadline) {
            Answer answer = client.get("/api/v1/incidents/" + incident + "/timeline", Tokens.VIEWER);
            List<String> notes = timeline.notes();
            if (answer.status() == 200) {
                notes = new ArrayList<>();
                for (JsonNode entry : answer.json().get("entries")) {
                    if (entry.get("kind").asText().equals("NOTE_ADDED")) {
                        notes.add(entry.get("text").asText());
                    }
                }
            }
            timeline = new Timeline(answer.status(), notes);
            if (notes.size() >= expected) {
                return timeline;
            }
            Thread.sleep(100);
        }
        return timeline;
    }

    /** One bot: opens its incident, then adds notes until the server stops answering. */
    private static void sendUntilRefused(BlackboxClient client, String incident,
            Map<String, Set<String>> acknowledged, AtomicInteger count) {
        try {
            Answer opened = client.post("/api/v1/incidents", """
                    {"incidentId":"%s","title":"Disk full on the primary","severity":"SEV1"}""".formatted(incident),
                    Tokens.RESPONDER);
            if (opened.status() != 201) {
                return;
            }
            Set<String> notes = acknowledged.computeIfAbsent(incident, id -> ConcurrentHashMap.newKeySet());
            for (int n = 0; ; n++) {
                String noteId = "n-" + n;
                if (addNote(client, incident, noteId).status() != 201) {
                    return;
                }
                notes.add(noteId);
                count.incrementAndGet();
            }
        } catch (UncheckedIOException serverGone) {
            // The kill: requests in flight have no answer, and so no promise to keep.
        }
    }

    private static Answer addNote(BlackboxClient client, String incident, String noteId) {
        return client.post("/api/v1/incidents/" + incident + "/notes", """
                {"noteId":"%s","text":"Free space %s"}""".formatted(noteId, noteId), Tokens.RESPONDER);
    }

    /** The note ids per incident in a JDBC event store (H2 or PostgreSQL), in sequence order. */
    static Map<String, List<String>> storedNotes(Connection connection) throws SQLException, IOException {
        Map<String, List<String>> notes = new HashMap<>();
        try (connection;
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT aggregate_identifier, payload FROM domain_event_entry"
                        + " WHERE payload_type = '" + NOTE_ADDED + "'"
                        + " ORDER BY aggregate_identifier, sequence_number")) {
            while (rows.next()) {
                notes.computeIfAbsent(rows.getString("aggregate_identifier"), id -> new ArrayList<>())
                        .add(noteId(rows.getBytes("payload")));
            }
        }
        return notes;
    }

    /** The note id of a serialized {@code NoteAdded}. */
    static String noteId(byte[] payload) throws IOException {
        return JSON.readTree(payload).get("noteId").asText();
    }
}
