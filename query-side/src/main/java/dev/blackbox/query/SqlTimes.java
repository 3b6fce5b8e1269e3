package dev.blackbox.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
