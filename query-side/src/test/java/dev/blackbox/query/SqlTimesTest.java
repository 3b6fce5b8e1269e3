package dev.blackbox.query;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.UUID;

import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.toSql;
import static org.assertj.core.api.Assertions.assertThat;

/** Rows kept in memory during a batch must hold their instants exactly as the tables give them back. */
class SqlTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-24T15:00:00Z", "2024-01-24T15:00:00.000000400Z", "2024-01-24T15:00:00.000000499Z",
            "2024-01-24T15:00:00.000000500Z", "2024-01-24T15:00:00.123456789Z", "2024-01-24T15:00:00.999999500Z",
            "2024-12-31T23:59:59.999999999Z"})
    void asStoredIsWhatAnH2TimestampWithTimeZoneColumnGivesBack(String value) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant written = Instant.parse(value);

        jdbc.sql("CREATE TABLE happened (at TIMESTAMP WITH TIME ZONE)").update();
        jdbc.sql("INSERT INTO happened (at) VALUES (:at)").param("at", toSql(written)).update();
        Instant readBack = jdbc.sql("SELECT at FROM happened").query((rs, row) -> instant(rs, "at")).single();

        assertThat(SqlTimes.asStored(written)).isEqualTo(readBack);
    }
}
