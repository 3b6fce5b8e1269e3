package dev.blackbox.query.postmortem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Durations and moments written for people: "3 hours 30 minutes", "2024-01-24 15:00 UTC". */
final class Wording {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Wording() {
    }

    /** Exact to the second, leaving out zero parts: "1 day 2 hours", "45 minutes", "0 seconds". */
    static String duration(long seconds) {
        if (seconds < 0) {
            return "minus " + duration(-seconds);
        }
        List<String> parts = new ArrayList<>();
        add(parts, seconds / 86_400, "day");
        add(parts, seconds % 86_400 / 3_600, "hour");
        add(parts, seconds % 3_600 / 60, "minute");
        add(parts, seconds % 60, "second");
        return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
    }

    static String dateTime(Instant instant) {
        return date(instant) + " " + time(instant);
    }

    /** Seconds are shown only when there are some, which keeps the usual whole minutes short. */
    static String time(Instant instant) {
        boolean wholeMinute = instant.getEpochSecond() % 60 == 0;
        return (wholeMinute ? MINUTES : SECONDS).format(instant) + " UTC";
    }

    static String date(Instant instant) {
        return DATE.format(instant);
    }

    static String percent(Integer percent) {
        return percent + "%";
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
