package dev.blackbox.app.e2e;

import dev.blackbox.app.postgres.Postgres;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@link KillDashNineUnderLoad} on the postgres profile with its defaults, group commit on: an answered
 * command's event must have been committed by PostgreSQL before the answer, whichever group it rode in.
 */
class PostgresCrashRecoveryIT extends KillDashNineUnderLoad {

    private final List<String> database = Postgres.freshDatabase();

    @Override
    String[] storeSettings() {
        return Stream.concat(database.stream(), Stream.of("spring.profiles.active=postgres")).toArray(String[]::new);
    }

    @Override
    Map<String, List<String>> storedNotes(Path dataDir, Set<String> incidents) throws Exception {
        return storedNotes(DriverManager.getConnection(setting("spring.datasource.url"),
                setting("spring.datasource.username"), setting("spring.datasource.password")));
    }

    private String setting(String name) {
        return database.stream().filter(setting -> setting.startsWith(name + "=")).findFirst().orElseThrow()
                .substring(name.length() + 1);
    }
}
