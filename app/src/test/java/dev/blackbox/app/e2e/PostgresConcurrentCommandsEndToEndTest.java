package dev.blackbox.app.e2e;

import dev.blackbox.app.postgres.Postgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Concurrent writers on PostgreSQL: lost races surface there as driver errors with a SQL state rather
 * than H2's exception type, and must still be retried instead of answered with 500.
 */
@ActiveProfiles("postgres")
// Closed after the class: the cached context would otherwise outlive the database server, which
// stops when the test JVM exits, and hang the exit retrying its connections.
@DirtiesContext
class PostgresConcurrentCommandsEndToEndTest extends ConcurrentCommandsEndToEndTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
