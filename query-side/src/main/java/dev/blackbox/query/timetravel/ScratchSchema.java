package dev.blackbox.query.timetravel;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The schema of a scratch database, as SQL. Flyway migrates one in-memory H2 database with the
 * application's own H2 migrations, once, and H2 writes that schema out ({@code SCRIPT NODATA}).
 * Running those statements creates each scratch database in a few milliseconds, where migrating
 * every one with Flyway would take a hundred and log each migration on every question.
 */
@Component
class ScratchSchema {

    /** The H2 flavour of the migrations: scratch databases are always H2, whatever the application runs on. */
    private static final String MIGRATIONS = "classpath:db/migration/h2";

    private List<String> statements;

    synchronized List<String> statements() {
        if (statements == null) {
            SingleConnectionDataSource template = ScratchReadModels.privateDatabase();
            try {
                Flyway.configure().dataSource(template).locations(MIGRATIONS).load().migrate();
                statements = JdbcClient.create(template).sql("SCRIPT NODATA").query(String.class).list();
            } finally {
                template.destroy();
            }
        }
        return statements;
    }
}
