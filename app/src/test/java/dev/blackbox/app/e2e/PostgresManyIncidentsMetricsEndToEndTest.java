package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.postgres.Postgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Aggregate metrics over more incidents than a PostgreSQL statement takes parameters (65,535): the
 * services of every incident in the window are read with one statement, which must not need a
 * parameter per incident.
 */
@ActiveProfiles("postgres")
class PostgresManyIncidentsMetricsEndToEndTest extends EndToEndTest {

    private static final int INCIDENTS = 70_000;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void metricsOverSeventyThousandIncidentsAreAnswered() {
        // Written straight into the read model: projecting 70,000 incidents' events would take minutes.
        Timestamp detected = Timestamp.from(Instant.parse("2024-03-01T10:00:00Z"));
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> services = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            String id = "bulk-" + i;
            rows.add(new Object[]{id, detected, detected, detected, detected});
            services.add(new Object[]{id, i % 2 == 0 ? "checkout" : "search"});
        }
        jdbc.batchUpdate("""
                INSERT INTO incident_metrics (incident_id, drill, severity, severity_changed_at, detected_at,
                  impact_started_at, impact_assessed_at, escalation_count, hypothesis_count, ruled_out_count,
                  misleading_seconds, time_to_detect, last_sequence)
                VALUES (?, FALSE, 'SEV2', ?, ?, ?, ?, 0, 0, 0, 0, 0, 1)""", rows);
        jdbc.batchUpdate("INSERT INTO incident_metrics_service (incident_id, service) VALUES (?, ?)", services);

        var answer = client.get("/api/v1/metrics?groupBy=service", Tokens.VIEWER);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode metrics = answer.json();
        assertThat(metrics.path("overall").path("count").asInt()).isEqualTo(INCIDENTS);
        assertThat(metrics.path("groups")).extracting(group -> group.path("group").asText() + "="
                        + group.path("count").asInt())
                .containsExactlyInAnyOrder("checkout=35000", "search=35000");
    }
}
