package dev.blackbox.app.config;

import dev.blackbox.app.postgres.Postgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same races on PostgreSQL, whose driver reports a duplicate key only through its SQL state. */
@ActiveProfiles("postgres")
class PostgresConcurrentAppendTest extends ConcurrentAppendTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
