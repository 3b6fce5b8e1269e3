package dev.blackbox.app.e2e;

import dev.blackbox.app.postgres.Postgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rebuilding read models while commands keep arriving, on a real PostgreSQL server. */
@ActiveProfiles("postgres")
class PostgresRebuildEndToEndTest extends RebuildEndToEndTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
