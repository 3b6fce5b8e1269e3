package dev.blackbox.app.config;

import dev.blackbox.app.postgres.Postgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same races on PostgreSQL, whose driver reports a duplicate key only through its SQL state. */
@ActiveProfiles("postgres")
// Closed after the class: the cached context would otherwise outlive the database server, which
// stops when the test JVM exits, and hang the exit retrying its connections.
@DirtiesContext
class PostgresConcurrentAppendTest extends ConcurrentAppendTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
