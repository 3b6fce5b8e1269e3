package dev.blackbox.events;

import java.util.ArrayList;
import java.util.List;

/**
 * A duration as people say it, exact to the second, leaving out zero parts: "1 day 2 hours",
 * "45 minutes", "0 seconds". Shared, since escalation reasons and postmortems say durations alike.
 */
public final class SpokenDuration {

    private SpokenDuration() {
    }

    public static String of(long seconds) {
        if (seconds < 0) {
            return "minus " + of(-seconds);
        }
        List<String> parts = new ArrayList<>();
        add(parts, seconds / 86_400, "day");
        add(parts, seconds % 86_400 / 3_600, "hour");
        add(parts, seconds % 3_600 / 60, "minute");
        add(parts, seconds % 60, "second");
        return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
