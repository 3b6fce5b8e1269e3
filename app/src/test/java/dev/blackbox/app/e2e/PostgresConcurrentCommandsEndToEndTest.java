package dev.blackbox.app.e2e;

import dev.blackbox.app.postgres.Postgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Concurrent writers on PostgreSQL: lost races surface there as driver errors with a SQL state rather
 * than H2's exception type, and must still be retried instead of answered with 500.
 */
@ActiveProfiles("postgres")
class PostgresConcurrentCommandsEndToEndTest extends ConcurrentCommandsEndToEndTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
