package dev.blackbox.app.e2e;

import dev.blackbox.app.postgres.Postgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Time travel and the live timeline on the postgres profile, against a real PostgreSQL server. */
@ActiveProfiles("postgres")
class PostgresTimeTravelAndLiveEndToEndTest extends TimeTravelAndLiveEndToEndTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
