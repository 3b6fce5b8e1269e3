package dev.blackbox.events;

/** How bad an incident is; SEV1 is the worst. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4
}
