package dev.blackbox.events;

/** What an action taken during an incident did to the outage. */
public enum ActionOutcome {
    NO_EFFECT, PARTIAL, RESOLVED_ISSUE, MADE_WORSE, UNKNOWN
}
