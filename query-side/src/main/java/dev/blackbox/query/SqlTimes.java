package dev.blackbox.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants cross JDBC as {@link OffsetDateTime} because that is the type both H2 and PostgreSQL
 * map {@code TIMESTAMP WITH TIME ZONE} to without consulting the JVM's default time zone.
 */
public final class SqlTimes {

    private SqlTimes() {
    }

    public static OffsetDateTime toSql(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * The instant as a {@code TIMESTAMP WITH TIME ZONE} column gives it back: to the nearest
     * microsecond, halves up, on H2 and PostgreSQL alike. A row kept in memory across the events of
     * a processor's batch holds its instants like this, so that every event compares against exactly
     * what it would have read from the table, however the events were split into batches.
     */
    public static Instant asStored(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return instant.getNano() % 1_000 >= 500 ? micros.plus(1, ChronoUnit.MICROS) : micros;
    }

    public static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    public static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    /** Whether a fact that happened at {@code candidate} supersedes one from {@code current}; ties go to the later event. */
    public static boolean supersedes(Instant candidate, Instant current) {
        return current == null || !candidate.isBefore(current);
    }
}
