package dev.blackbox.events;

/** The broad kind of a root cause, used to group incidents in aggregate metrics. */
public enum RootCauseCategory {
    DATABASE, CONFIGURATION, CODE_CHANGE, CAPACITY, HARDWARE, NETWORK, DEPENDENCY, SECURITY, UNKNOWN
}
