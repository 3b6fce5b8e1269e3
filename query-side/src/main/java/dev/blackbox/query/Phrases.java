package dev.blackbox.query;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.RootCauseCategory;

import java.util.Locale;

/** How enum values read in sentences meant for people. */
public final class Phrases {

    private Phrases() {
    }

    public static String outcome(ActionOutcome outcome) {
        if (outcome == null) {
            return "outcome unknown";
        }
        return switch (outcome) {
            case NO_EFFECT -> "no effect";
            case PARTIAL -> "partial improvement";
            case RESOLVED_ISSUE -> "resolved the issue";
            case MADE_WORSE -> "made it worse";
            case UNKNOWN -> "outcome unknown";
        };
    }

    public static String category(RootCauseCategory category) {
        return category == null ? "uncategorised" : category.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
