package dev.blackbox.app.postgres;

import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.toSql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.query.SqlTimes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Read-model rows kept in memory during a processor's batch hold their instants as the tables give
 * them back ({@link SqlTimes#asStored}); on PostgreSQL as on H2 (query-side's SqlTimesTest).
 */
class PostgresStoredInstantsTest {

    @Test
    void asStoredIsWhatATimestampWithTimeZoneColumnGivesBack() {
        List<String> database = Postgres.freshDatabase();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(property(database, "url"),
                property(database, "username"), property(database, "password"));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE happened (id INTEGER, at TIMESTAMP WITH TIME ZONE)").update();
        List<Instant> written = List.of("2024-01-24T15:00:00Z", "2024-01-24T15:00:00.000000400Z",
                "2024-01-24T15:00:00.000000499Z", "2024-01-24T15:00:00.000000500Z", "2024-01-24T15:00:00.123456789Z",
                "2024-01-24T15:00:00.999999500Z", "2024-12-31T23:59:59.999999999Z").stream().map(Instant::parse).toList();
        for (int i = 0; i < written.size(); i++) {
            jdbc.sql("INSERT INTO happened (id, at) VALUES (:id, :at)").param("id", i).param("at", toSql(written.get(i)))
                    .update();
        }

        List<Instant> readBack = jdbc.sql("SELECT at FROM happened ORDER BY id").query((rs, row) -> instant(rs, "at"))
                .list();

        assertThat(readBack).isEqualTo(written.stream().map(SqlTimes::asStored).toList());
    }

    private static String property(List<String> properties, String name) {
        return properties.stream().filter(p -> p.startsWith("spring.datasource." + name + "=")).findFirst()
                .map(p -> p.substring(p.indexOf('=') + 1)).orElseThrow();
    }
}
