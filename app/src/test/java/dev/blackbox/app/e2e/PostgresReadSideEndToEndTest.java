package dev.blackbox.app.e2e;

import dev.blackbox.app.postgres.Postgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every scenario read back through the read models, all stored in a real PostgreSQL server. */
@ActiveProfiles("postgres")
class PostgresReadSideEndToEndTest extends ReadSideEndToEndTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
