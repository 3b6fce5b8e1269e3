package dev.blackbox.query.postmortem;

import dev.blackbox.events.SpokenDuration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Durations and moments written for people: "3 hours 30 minutes", "2024-01-24 15:00 UTC". */
final class Wording {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Wording() {
    }

    /** Exact to the second, leaving out zero parts: "1 day 2 hours", "45 minutes", "0 seconds". */
    static String duration(long seconds) {
        return SpokenDuration.of(seconds);
    }

    static String dateTime(Instant instant) {
        LocalDateTime utc = utc(instant);
        return DATE.format(utc) + " " + time(utc);
    }

    static String time(Instant instant) {
        return time(utc(instant));
    }

    static String date(Instant instant) {
        return DATE.format(utc(instant));
    }

    /** Seconds are shown only when there are some, which keeps the usual whole minutes short. */
    private static String time(LocalDateTime utc) {
        return (utc.getSecond() == 0 ? MINUTES : SECONDS).format(utc) + " UTC";
    }

    /**
     * A formatter given a zone turns each instant into a zoned date-time, and the JDK makes new zone
     * rules for every one of them; a postmortem formats thousands of moments.
     */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    }

    static String percent(Integer percent) {
        return percent + "%";
    }
}
