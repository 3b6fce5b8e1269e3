package dev.blackbox.query.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses query parameters into values, answering 400 with the reason instead of failing later. */
final class QueryParameters {

    private QueryParameters() {
    }

    /** An instant, or a date meaning its start in UTC; null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name, "'" + name + "' must be an ISO-8601 instant such as "
                    + "2024-01-24T15:00:00Z or a date such as 2024-01-24, not '" + value + "'.");
        }
    }

    static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQueryException("from", "'from' (" + from + ") must not be after 'to' (" + to + ").");
        }
    }

    /** Values may repeat the parameter or be comma-separated; case does not matter. */
    static <E extends Enum<E>> Set<E> enums(String name, List<String> values, Class<E> type) {
        Set<E> parsed = EnumSet.noneOf(type);
        if (values == null) {
            return parsed;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    parsed.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidQueryException(name, "'" + name + "' must be one of "
                            + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                            + ", not '" + part.strip() + "'.");
                }
            }
        }
        return parsed;
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidQueryException(name, "'" + name + "' must be true or false, not '" + value + "'.");
        };
    }

    static int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name, "'" + name + "' must be a whole number, not '" + value + "'.");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidQueryException(name, "'" + name + "' must be between " + min + " and " + max
                    + ", not " + parsed + ".");
        }
        return parsed;
    }
}
