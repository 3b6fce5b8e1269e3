package dev.blackbox.events;

/** Improvements prevent a class of outage; tasks are concrete pieces of follow-up work. */
public enum CorrectiveActionKind {
    IMPROVEMENT, TASK
}
