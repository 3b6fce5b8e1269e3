package dev.blackbox.query.timeline;

/** What a timeline entry records; one kind per incident event. */
public enum TimelineEntryKind {
    DETECTED,
    ACKNOWLEDGED,
    ESCALATED,
    HYPOTHESIS_RECORDED,
    HYPOTHESIS_RULED_OUT,
    HYPOTHESIS_CONFIRMED,
    ACTION_TAKEN,
    IMPACT_ASSESSED,
    SEVERITY_CHANGED,
    ROOT_CAUSE_IDENTIFIED,
    MITIGATED,
    RESOLVED,
    REOPENED,
    CORRECTIVE_ACTION_ADDED,
    CORRECTIVE_ACTION_COMPLETED,
    NOTE_ADDED,
    CONCLUSION_WRITTEN
}
