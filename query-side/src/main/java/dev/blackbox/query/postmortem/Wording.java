package dev.blackbox.query.postmortem;

import dev.blackbox.events.SpokenDuration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Durations and moments written for people: "3 hours 30 minutes", "2024-01-24 15:00 UTC". */
final class Wording {

    private Wording() {
    }

    /** Exact to the second, leaving out zero parts: "1 day 2 hours", "45 minutes", "0 seconds". */
    static String duration(long seconds) {
        return SpokenDuration.of(seconds);
    }

    static String dateTime(Instant instant) {
        LocalDateTime utc = utc(instant);
        return utc.toLocalDate() + " " + time(utc);
    }

    static String time(Instant instant) {
        return time(utc(instant));
    }

    static String date(Instant instant) {
        return utc(instant).toLocalDate().toString();
    }

    /**
     * Seconds are shown only when there are some, which keeps the usual whole minutes short. The
     * JDK's {@code toString} of a date and of a time writes exactly these ISO forms (HH:mm, or HH:mm:ss
     * when there are seconds; {@link #utc} drops the fraction) without a pattern formatter's general
     * machinery, and a large postmortem writes thousands of moments.
     */
    private static String time(LocalDateTime utc) {
        return utc.toLocalTime() + " UTC";
    }

    /**
     * Without the fraction of a second, which no moment is written with. Through a zone, the JDK would
     * make new zone rules for every instant.
     */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    }

    static String percent(Integer percent) {
        return percent + "%";
    }
}
