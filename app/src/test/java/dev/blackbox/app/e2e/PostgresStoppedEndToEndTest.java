package dev.blackbox.app.e2e;

import static dev.blackbox.app.e2e.AxonServerUnreachableEndToEndTest.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.e2e.BlackboxClient.Answer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The postgres profile on a PostgreSQL server of its own, which the test stops: with the database
 * gone, a command and a query are each answered 503 with a {@code Retry-After}, never a 500, and a
 * page of the web interface says so as a page.
 */
@ActiveProfiles("postgres")
class PostgresStoppedEndToEndTest extends EndToEndTest {

    private static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        // Not the 30 s default: each request waits this long for a connection before it is refused.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void aCommandAndAQueryAreAnswered503WithRetryAfterWhileTheDatabaseIsDown() throws IOException {
        assertThat(client.post("/api/v1/incidents",
                "{\"incidentId\":\"db-down-1\",\"title\":\"Checkout fails\",\"severity\":\"SEV2\"}",
                Tokens.RESPONDER).status()).isEqualTo(201);
        // Sessions live in the process, not the database: signed in before, still signed in after.
        String session = client.signIn(Tokens.VIEWER);

        postgres.close();

        assertUnavailable(client.post("/api/v1/incidents/db-down-1/notes",
                "{\"noteId\":\"n-1\",\"text\":\"Replica lag 40 s\"}", Tokens.RESPONDER));
        assertUnavailable(client.get("/api/v1/incidents", Tokens.VIEWER));
        assertUnavailable(client.get("/api/v1/incidents/db-down-1/timeline", Tokens.VIEWER));
        // A person reading the incident's page gets a page saying so, not the API's problem document.
        Answer room = client.page("/incidents/db-down-1", session);
        assertThat(room.status()).as(room.body()).isEqualTo(503);
        assertThat(room.contentType()).startsWith("text/html");
        assertThat(room.header("Retry-After")).isNotBlank();
        assertThat(room.body()).contains("<h1>Store unavailable</h1>").contains("Sign out");
    }
}
