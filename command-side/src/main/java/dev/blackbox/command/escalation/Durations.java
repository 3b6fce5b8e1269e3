package dev.blackbox.command.escalation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations as a reason says them: "5 minutes", "1 hour 30 minutes". */
final class Durations {

    private Durations() {
    }

    static String spoken(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
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
