package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.BlackboxApplication;
import dev.blackbox.app.postgres.Postgres;
import dev.blackbox.app.e2e.WebhookReceiver.Delivery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A split deployment on PostgreSQL: a command process and two query processes. Exactly one query
 * process delivers the subscription (each fact arrives once, signed, in order); when it stops, the
 * other takes the subscription over once its lease has expired and carries on where it stopped.
 */
class PostgresSplitSubscriptionsEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final List<String> database = Postgres.freshDatabase();
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
        receiver.close();
    }

    @Test
    void oneQueryProcessDeliversAndAnotherTakesOverWhenItStops() throws Exception {
        BlackboxClient command = new BlackboxClient(port(start("command", "command-1")));
        ConfigurableApplicationContext queryA = start("query", "query-a");
        ConfigurableApplicationContext queryB = start("query", "query-b");
        BlackboxClient query = new BlackboxClient(port(queryA));
        var created = query.post("/api/v1/subscriptions", "{\"url\":\"" + receiver.url() + "\"}", Tokens.ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        receiver.expectSecret(created.json().path("secret").asText());
        String id = created.json().path("subscriptionId").asText();

        Map<String, List<Long>> expected = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            recordOutage(command, "split-sub-" + i, expected);
        }
        List<Delivery> first = receiver.awaitAccepted(d -> d.size() >= 15, PATIENCE);
        Thread.sleep(1000);
        assertThat(receiver.accepted()).as("each fact delivered once, by one process").hasSize(first.size());
        WebhookReceiver.assertCompleteAndOrdered(receiver.accepted(), expected);

        JdbcTemplate jdbc = queryA.getBean(JdbcTemplate.class);
        String owner = jdbc.queryForObject("SELECT lease_owner FROM subscription WHERE subscription_id = ?",
                String.class, id);
        assertThat(owner).isNotNull();
        ConfigurableApplicationContext holder = owner.startsWith("query-a/") ? queryA : queryB;
        ConfigurableApplicationContext survivor = holder == queryA ? queryB : queryA;
        holder.close();
        running.remove(holder);

        for (int i = 5; i < 8; i++) {
            recordOutage(command, "split-sub-" + i, expected);
        }
        List<Delivery> all = receiver.awaitAccepted(d -> d.stream().map(Delivery::webhookId).distinct().count() >= 24,
                PATIENCE);
        WebhookReceiver.assertCompleteAndOrdered(all, expected);
        assertThat(survivor.getBean(JdbcTemplate.class).queryForObject(
                "SELECT lease_owner FROM subscription WHERE subscription_id = ?", String.class, id))
                .startsWith(holder == queryA ? "query-b/" : "query-a/");
    }

    private static void recordOutage(BlackboxClient command, String incidentId, Map<String, List<Long>> expected) {
        assertThat(command.detect(incidentId, Tokens.RESPONDER).status()).isEqualTo(201);
        assertThat(command.post("/api/v1/incidents/" + incidentId + "/acknowledgements", "{}", Tokens.RESPONDER)
                .status()).isEqualTo(202);
        assertThat(command.post("/api/v1/incidents/" + incidentId + "/resolution", "{\"resolution\":\"Fixed\"}",
                Tokens.RESPONDER).status()).isEqualTo(202);
        expected.put(incidentId, List.of(0L, 1L, 2L));
    }

    private ConfigurableApplicationContext start(String mode, String nodeId) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=postgres",
                "--blackbox.mode=" + mode,
                "--blackbox.processing.node-id=" + nodeId,
                "--blackbox.data-dir=" + dataDir.resolve(nodeId),
                "--server.port=0",
                "--blackbox.event-source.poll-interval=100ms",
                "--blackbox.subscriptions.allow-private-targets=true",
                "--blackbox.subscriptions.lease=2s",
                "--blackbox.subscriptions.scan-interval=200ms"));
        for (String property : Tokens.PROPERTIES) {
            arguments.add("--" + property);
        }
        database.forEach(setting -> arguments.add("--" + setting));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BlackboxApplication.class)
                .run(arguments.toArray(String[]::new));
        running.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
