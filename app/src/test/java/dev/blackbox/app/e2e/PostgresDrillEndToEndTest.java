package dev.blackbox.app.e2e;

import dev.blackbox.app.postgres.Postgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Drills, with their deadlines and saga, on the postgres profile against a real PostgreSQL server. */
@ActiveProfiles("postgres")
class PostgresDrillEndToEndTest extends DrillEndToEndTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
