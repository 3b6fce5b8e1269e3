package dev.blackbox.app.e2e;

import dev.blackbox.app.postgres.Postgres;
import java.util.ArrayList;
import java.util.List;

/** The restart test on the postgres profile: both starts use one database on a real PostgreSQL server. */
class PostgresRestartEndToEndTest extends RestartEndToEndTest {

    private final List<String> database = Postgres.freshDatabase();

    @Override
    List<String> storeSettings() {
        List<String> settings = new ArrayList<>(database);
        settings.add("spring.profiles.active=postgres");
        return settings;
    }
}
