package dev.blackbox.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.blackbox.app.AllAtOnce;
import dev.blackbox.app.BlackboxApplication;
import dev.blackbox.app.postgres.Postgres;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.SeverityChanged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Blackbox split into processes as in production, here as separate application contexts on one
 * real PostgreSQL database: command-only instances that write events and query-only instances that
 * share the projection work through the token store.
 */
class SplitDeploymentTest {

    private static final String RESPONDER = "responder-secret-for-tests";

    /** The test's probe and the query side's read models: all must be shared and taken over. */
    private static final List<String> PROCESSORS = List.of(ProjectionProbe.PROCESSOR, "read-models");

    @TempDir
    Path dataDir;

    private final List<String> database = Postgres.freshDatabase();
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void queryInstancesSplitTheEventsAndTakeOverFromAStoppedOne() throws Exception {
        ConfigurableApplicationContext command = start("command", "command-1");
        // Created after Flyway has set up the empty database, which it refuses to do for a non-empty one.
        command.getBean(JdbcTemplate.class).execute(ProjectionProbe.TABLE);
        ConfigurableApplicationContext queryA = start("query", "query-a", ProjectionProbe.class);
        ConfigurableApplicationContext queryB = start("query", "query-b", ProjectionProbe.class);
        JdbcTemplate jdbc = queryA.getBean(JdbcTemplate.class);

        // Every read model's four segments end up two and two, whichever instance started first.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String processor : PROCESSORS) {
                assertThat(segmentOwners(jdbc, processor)).as(processor)
                        .containsOnly(Map.entry("query-a", 2L), Map.entry("query-b", 2L));
            }
        });

        for (int i = 0; i < 20; i++) {
            recordOutage(command, "before-" + i);
        }
        awaitEveryEventProjected(jdbc);
        assertThat(projectedBy(jdbc, "before-%")).containsOnlyKeys("query-a", "query-b");

        // Stop query-b while commands keep arriving: query-a takes over its segments.
        CompletableFuture<Void> moreOutages = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                recordOutage(command, "during-" + i);
            }
        });
        queryB.close();
        moreOutages.get();
        for (int i = 0; i < 10; i++) {
            recordOutage(command, "after-" + i);
        }

        awaitEveryEventProjected(jdbc);
        assertThat(projectedBy(jdbc, "after-%")).containsOnlyKeys("query-a");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String processor : PROCESSORS) {
                assertThat(segmentOwners(jdbc, processor)).as(processor).containsOnly(Map.entry("query-a", 4L));
            }
        });
        // The real read models saw every incident too, and the query API of the survivor serves them.
        // Each read model has its own processor, so each is awaited: one caught up says nothing of another.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM incident_summary WHERE status = 'RESOLVED' AND (incident_id LIKE 'before-%'"
                        + " OR incident_id LIKE 'during-%' OR incident_id LIKE 'after-%')", Long.class)).isEqualTo(50));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM timeline_entry", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class)));
        HttpResponse<String> detail = get(port(queryA), "/api/v1/incidents/during-7");
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("\"RESOLVED\"");
    }

    @Test
    void aQueryInstanceFindsWhatACommandInstanceAppendedAtItsPollInterval() {
        // The query instance runs no commands, so no commit of its own can wake its read models.
        ConfigurableApplicationContext command = start("command", "command-1");
        ConfigurableApplicationContext query = start("query", "query-a");

        assertThat(post(port(command), "/api/v1/incidents",
                "{\"incidentId\":\"elsewhere-1\",\"title\":\"Outage\",\"severity\":\"SEV2\"}")).isEqualTo(201);
        assertThat(post(port(command), "/api/v1/incidents/elsewhere-1/notes",
                "{\"noteId\":\"n-1\",\"text\":\"Appended by another process\"}")).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                get(port(query), "/api/v1/incidents/elsewhere-1/timeline").body())
                .contains("Note: Appended by another process"));
    }

    @Test
    void aQueryInstanceHearsOfACommandInstancesCommitsWithoutWaitingForItsPoll() {
        ConfigurableApplicationContext command = start("command", "command-1");
        ConfigurableApplicationContext query = startQueryPollingHourly();

        for (int i = 1; i <= 3; i++) {
            assertThat(post(port(command), "/api/v1/incidents",
                    "{\"incidentId\":\"told-" + i + "\",\"title\":\"Outage\",\"severity\":\"SEV2\"}")).isEqualTo(201);
            assertThat(post(port(command), "/api/v1/incidents/told-" + i + "/notes",
                    "{\"noteId\":\"n-1\",\"text\":\"Heard of at once\"}")).isEqualTo(201);
            String path = "/api/v1/incidents/told-" + i + "/timeline";
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(port(query), path).body())
                    .contains("Note: Heard of at once"));
        }
    }

    @Test
    void aQueryInstanceStillHearsOfCommitsAfterItsListeningConnectionWasCut() {
        ConfigurableApplicationContext command = start("command", "command-1");
        ConfigurableApplicationContext query = startQueryPollingHourly();
        JdbcTemplate jdbc = command.getBean(JdbcTemplate.class);
        // Only this test's database: other tests' servers on the same PostgreSQL listen too.
        String listeners = "FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN blackbox_commits'";
        Callable<Boolean> bothListen = () -> jdbc.queryForObject("SELECT COUNT(*) " + listeners, Long.class) == 2;
        await().atMost(Duration.ofSeconds(10)).until(bothListen);

        // As a database restart or a proxy's idle timeout would.
        assertThat(jdbc.queryForList("SELECT pg_terminate_backend(pid) " + listeners, Boolean.class))
                .containsExactly(true, true);
        assertThat(post(port(command), "/api/v1/incidents",
                "{\"incidentId\":\"cut-1\",\"title\":\"Outage\",\"severity\":\"SEV2\"}")).isEqualTo(201);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                get(port(query), "/api/v1/incidents/cut-1/timeline").body()).contains("Outage"));
        // Commits after the new connection listens are heard as before.
        await().atMost(Duration.ofSeconds(10)).until(bothListen);
        assertThat(post(port(command), "/api/v1/incidents/cut-1/notes",
                "{\"noteId\":\"n-1\",\"text\":\"Heard again\"}")).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                get(port(query), "/api/v1/incidents/cut-1/timeline").body()).contains("Note: Heard again"));
    }

    @Test
    void aReadGivenACommandsPositionAnswersWithItsFactFromAnotherProcess() {
        // Looking for other processes' events only every 3 s, the query instance would not know the
        // note yet if it answered at once.
        ConfigurableApplicationContext command = start("command", "command-1");
        ConfigurableApplicationContext query = start("query", "query-a",
                List.of("--blackbox.event-source.poll-interval=3s"));
        assertThat(post(port(command), "/api/v1/incidents",
                "{\"incidentId\":\"ryw-1\",\"title\":\"Outage\",\"severity\":\"SEV2\"}")).isEqualTo(201);
        HttpResponse<String> noted = send(port(command), "/api/v1/incidents/ryw-1/notes",
                "{\"noteId\":\"n-1\",\"text\":\"Appended by another process\"}");
        String position = noted.headers().firstValue("Blackbox-Position").orElseThrow();

        HttpResponse<String> timeline = get(port(query), "/api/v1/incidents/ryw-1/timeline?minPosition=" + position);

        assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
        assertThat(timeline.body()).contains("Note: Appended by another process");
    }

    @Test
    void twoCommandInstancesWritingToOneIncidentLoseAndDuplicateNothing() throws Exception {
        ConfigurableApplicationContext first = start("command", "command-1");
        ConfigurableApplicationContext second = start("command", "command-2");
        List<Integer> ports = List.of(port(first), port(second));
        assertThat(post(ports.get(0), "/api/v1/incidents",
                "{\"incidentId\":\"shared-1\",\"title\":\"Payments time out\",\"severity\":\"SEV1\"}"))
                .isEqualTo(201);

        int writers = 24;
        // Each note is sent twice, once to each instance at the same moment: a bot retrying through a
        // load balancer. It must be recorded exactly once.
        List<Integer> statuses = AllAtOnce.run(writers, i -> post(ports.get(i % 2),
                "/api/v1/incidents/shared-1/notes",
                "{\"noteId\":\"n-" + (i / 2) + "\",\"text\":\"Observation " + (i / 2) + "\"}"));

        assertThat(statuses).hasSize(writers).containsOnly(201);
        List<String> notes = first.getBean(EventStore.class).readEvents("shared-1", 0).asStream()
                .skip(1)
                .map(event -> ((dev.blackbox.events.NoteAdded) event.getPayload()).noteId())
                .toList();
        assertThat(notes).hasSize(writers / 2).doesNotHaveDuplicates();
    }

    @Test
    void twoCommandInstancesGroupingCommitsOnTheSameIncidentsLoseAndDuplicateNothing() throws Exception {
        ConfigurableApplicationContext first = start("command", "command-1");
        ConfigurableApplicationContext second = start("command", "command-2");
        assertThat(first.getEnvironment().getProperty("blackbox.group-commit.enabled")).isEqualTo("true");
        List<Integer> ports = List.of(port(first), port(second));
        int incidents = 4;
        createIncidents(ports, "grouped-", incidents);

        // Both processes' groups append to all four incidents at once, in whatever order they arrive, so
        // their uncommitted rows block each other on the sequence index and can deadlock; every
        // note is also sent to both processes, as a retry through a load balancer would.
        int notes = 48;
        List<Integer> statuses = AllAtOnce.run(notes * 2, i -> {
            int note = i / 2;
            return post(ports.get(i % 2), "/api/v1/incidents/grouped-" + (note % incidents) + "/notes",
                    "{\"noteId\":\"n-" + note + "\",\"text\":\"Observation " + note + "\"}");
        });

        assertThat(statuses).hasSize(notes * 2).containsOnly(201);
        EventStore store = first.getBean(EventStore.class);
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < incidents; i++) {
            store.readEvents("grouped-" + i, 0).asStream()
                    .skip(1)
                    .map(event -> ((dev.blackbox.events.NoteAdded) event.getPayload()).noteId())
                    .forEach(stored::add);
        }
        assertThat(stored).hasSize(notes).doesNotHaveDuplicates();
    }

    @Test
    void aCommandInstanceDecidesOnWhatAnotherRecordedOnAnIncidentItHasCached() {
        ConfigurableApplicationContext first = start("command", "command-1");
        ConfigurableApplicationContext second = start("command", "command-2");
        int one = port(first);
        int two = port(second);
        assertThat(post(two, "/api/v1/incidents",
                "{\"incidentId\":\"cached-1\",\"title\":\"Checkout errors\",\"severity\":\"SEV2\","
                        + "\"occurredAt\":\"2026-01-01T10:00:00Z\"}")).isEqualTo(201);
        assertThat(second.getBean("incidentCache", Cache.class).containsKey("cached-1")).isTrue();

        assertThat(post(one, "/api/v1/incidents/cached-1/hypotheses",
                "{\"hypothesisId\":\"h-db\",\"statement\":\"The database is slow\"}")).isEqualTo(201);
        HttpResponse<String> ruledOut = send(two, "/api/v1/incidents/cached-1/hypotheses/h-db/rule-out",
                "{\"evidence\":\"Query times are normal\"}");
        assertThat(ruledOut.statusCode()).as(ruledOut.body()).isEqualTo(202);

        // A refusal is still answered as one, once the stored state has confirmed it.
        HttpResponse<String> unknown = send(two, "/api/v1/incidents/cached-1/hypotheses/h-none/rule-out",
                "{\"evidence\":\"Nothing\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.body()).contains("unknown-hypothesis", "h-none");

        // The same request sent again after another process changed the severity is not a retry of it.
        String sev1 = "{\"severity\":\"SEV1\",\"reason\":\"Card payments fail\","
                + "\"occurredAt\":\"2026-01-01T10:05:00Z\"}";
        assertThat(post(two, "/api/v1/incidents/cached-1/severity", sev1)).isEqualTo(202);
        assertThat(post(one, "/api/v1/incidents/cached-1/severity",
                "{\"severity\":\"SEV3\",\"reason\":\"Only one region\"}")).isEqualTo(202);
        assertThat(post(two, "/api/v1/incidents/cached-1/severity", sev1)).isEqualTo(202);

        assertThat(first.getBean(EventStore.class).readEvents("cached-1", 0).asStream()
                .map(event -> event.getPayload() instanceof SeverityChanged changed
                        ? changed.severity().name() : event.getPayloadType().getSimpleName()))
                .containsExactly("IssueDetected", "HypothesisRecorded", "HypothesisRuledOut", "SEV1", "SEV3", "SEV1");
    }

    @Test
    void twoCachingCommandInstancesDecideEachCommandOnTheOthersFacts() throws Exception {
        ConfigurableApplicationContext first = start("command", "command-1");
        ConfigurableApplicationContext second = start("command", "command-2");
        List<Integer> ports = List.of(port(first), port(second));
        int incidents = 4;
        createIncidents(ports, "both-", incidents);
        for (int i = 0; i < incidents; i++) {
            assertThat(post(ports.get((i + 1) % 2), "/api/v1/incidents/both-" + i + "/notes",
                    "{\"noteId\":\"n-" + i + "\",\"text\":\"Seen here too\"}")).isEqualTo(201);
        }
        for (ConfigurableApplicationContext process : List.of(first, second)) {
            Cache cache = process.getBean("incidentCache", Cache.class);
            assertThat(IntStream.range(0, incidents).mapToObj(i -> "both-" + i)).allMatch(cache::containsKey);
        }

        // Each hypothesis is recorded by one process and at once ruled out by the other, whose cached
        // copy of the incident has not seen it, while both processes' groups write all four incidents.
        int hypotheses = 48;
        List<List<Integer>> statuses = AllAtOnce.run(hypotheses, i -> {
            String incident = "/api/v1/incidents/both-" + (i % incidents);
            return List.of(
                    post(ports.get(i % 2), incident + "/hypotheses",
                            "{\"hypothesisId\":\"h-" + i + "\",\"statement\":\"Cause " + i + "\"}"),
                    post(ports.get((i + 1) % 2), incident + "/hypotheses/h-" + i + "/rule-out",
                            "{\"evidence\":\"Evidence " + i + "\"}"));
        });

        assertThat(statuses).hasSize(hypotheses).containsOnly(List.of(201, 202));
        EventStore store = first.getBean(EventStore.class);
        List<String> recorded = new ArrayList<>();
        List<String> ruledOut = new ArrayList<>();
        for (int i = 0; i < incidents; i++) {
            store.readEvents("both-" + i, 0).asStream().map(DomainEventMessage::getPayload).forEach(event -> {
                if (event instanceof HypothesisRecorded hypothesis) {
                    recorded.add(hypothesis.hypothesisId());
                } else if (event instanceof HypothesisRuledOut verdict) {
                    ruledOut.add(verdict.hypothesisId());
                }
            });
        }
        List<String> expected = IntStream.range(0, hypotheses).mapToObj(i -> "h-" + i).toList();
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ruledOut).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aCommandWaitingOnAnotherWritersUncommittedEventIsAskedToRetryInsteadOfWaitingForIt() throws Exception {
        ConfigurableApplicationContext command = start("command", "command-1");
        int port = port(command);
        assertThat(post(port, "/api/v1/incidents",
                "{\"incidentId\":\"held-1\",\"title\":\"Outage\",\"severity\":\"SEV2\"}")).isEqualTo(201);
        String note = "{\"noteId\":\"n-1\",\"text\":\"Written while another writer holds the next event\"}";
        HttpRequest.Builder noting = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/incidents/held-1/notes"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(note));

        // Another process's group has appended the incident's next event and not committed yet: without
        // a lock timeout the command's append would wait on that row for as long as it is held.
        try (Connection other = command.getBean(DataSource.class).getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement append = other.prepareStatement("INSERT INTO domain_event_entry "
                    + "(aggregate_identifier, sequence_number, event_identifier, payload, payload_type, time_stamp) "
                    + "VALUES ('held-1', 1, 'held-elsewhere', ?, 'elsewhere', 'now')")) {
                append.setBytes(1, new byte[0]);
                append.executeUpdate();
            }
            HttpResponse<String> busy = exchange(noting);
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            other.rollback();
        }

        assertThat(exchange(noting).statusCode()).isEqualTo(201);
        assertThat(command.getBean(EventStore.class).readEvents("held-1", 0).asStream()
                .map(event -> event.getPayloadType().getSimpleName()))
                .containsExactly("IssueDetected", "NoteAdded");
    }

    /** Polling only hourly, a query instance sees another's commits in time only if PostgreSQL tells it of them. */
    private ConfigurableApplicationContext startQueryPollingHourly() {
        return start("query", "query-a", List.of("--blackbox.event-source.poll-interval=1h"));
    }

    private ConfigurableApplicationContext start(String mode, String nodeId, Class<?>... extraBeans) {
        return start(mode, nodeId, List.of(), extraBeans);
    }

    private ConfigurableApplicationContext start(String mode, String nodeId, List<String> settings,
            Class<?>... extraBeans) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=postgres",
                "--blackbox.mode=" + mode,
                "--blackbox.processing.node-id=" + nodeId,
                "--blackbox.processing.rebalance-interval=300ms",
                "--axon.eventhandling.processors." + ProjectionProbe.PROCESSOR + ".mode=pooled",
                "--axon.eventhandling.processors." + ProjectionProbe.PROCESSOR + ".thread-count=2",
                "--axon.eventhandling.processors." + ProjectionProbe.PROCESSOR + ".initial-segment-count=4",
                "--axon.eventhandling.processors." + ProjectionProbe.PROCESSOR + ".token-claim-interval=200",
                "--blackbox.data-dir=" + dataDir.resolve(nodeId),
                "--server.port=0",
                "--blackbox.security.tokens[0].name=alert-bot",
                "--blackbox.security.tokens[0].role=responder",
                "--blackbox.security.tokens[0].secret=" + RESPONDER));
        database.forEach(setting -> arguments.add("--" + setting));
        arguments.addAll(settings);
        List<Class<?>> sources = new ArrayList<>(List.of(BlackboxApplication.class));
        sources.addAll(List.of(extraBeans));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .run(arguments.toArray(String[]::new));
        running.add(context);
        return context;
    }

    /** Incidents {@code prefix}0 to {@code prefix}(count - 1), created through each process in turn. */
    private void createIncidents(List<Integer> ports, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(post(ports.get(i % 2), "/api/v1/incidents",
                    "{\"incidentId\":\"" + prefix + i + "\",\"title\":\"Outage\",\"severity\":\"SEV2\"}"))
                    .isEqualTo(201);
        }
    }

    private void recordOutage(ConfigurableApplicationContext command, String incidentId) {
        int port = port(command);
        assertThat(post(port, "/api/v1/incidents",
                "{\"incidentId\":\"" + incidentId + "\",\"title\":\"Outage\",\"severity\":\"SEV2\"}"))
                .isEqualTo(201);
        assertThat(post(port, "/api/v1/incidents/" + incidentId + "/acknowledgements", "{}")).isEqualTo(202);
        assertThat(post(port, "/api/v1/incidents/" + incidentId + "/resolution", "{\"resolution\":\"Fixed\"}"))
                .isEqualTo(202);
    }

    /** Every stored event appears in the read model exactly once. */
    private static void awaitEveryEventProjected(JdbcTemplate jdbc) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                jdbc.queryForList("SELECT event_id FROM projected_event ORDER BY event_id", String.class))
                .containsExactlyElementsOf(
                        jdbc.queryForList("SELECT event_identifier FROM domain_event_entry ORDER BY event_identifier",
                                String.class)));
    }

    private static Map<String, Long> projectedBy(JdbcTemplate jdbc, String incidentPattern) {
        return jdbc.queryForList("SELECT node_id FROM projected_event WHERE incident_id LIKE ?", String.class,
                incidentPattern).stream().collect(Collectors.groupingBy(node -> node, Collectors.counting()));
    }

    private static Map<String, Long> segmentOwners(JdbcTemplate jdbc, String processor) {
        return jdbc.queryForList("SELECT owner FROM token_entry WHERE processor_name = ?", String.class, processor)
                .stream()
                .collect(Collectors.groupingBy(owner -> String.valueOf(owner), Collectors.counting()));
    }

    private int post(int port, String path, String json) {
        return send(port, path, json).statusCode();
    }

    private HttpResponse<String> send(int port, String path, String json) {
        return exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> get(int port, String path) {
        return exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)));
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", "Bearer " + RESPONDER).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
