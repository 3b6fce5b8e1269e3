package dev.blackbox.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages write times and durations: UTC, the way the API and the postmortem write them. */
final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    /** Seconds as "2d 3h 04m", "1h 05m 09s", "4m 10s" or "12s"; a dash when not known. */
    static String duration(Long seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = Math.abs(seconds);
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long rest = s % 60;
        String text = days > 0 ? "%dd %dh %02dm".formatted(days, hours, minutes)
                : hours > 0 ? "%dh %02dm %02ds".formatted(hours, minutes, rest)
                : minutes > 0 ? "%dm %02ds".formatted(minutes, rest)
                : "%ds".formatted(rest);
        return seconds < 0 ? "-" + text : text;
    }
}
