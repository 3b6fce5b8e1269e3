package dev.blackbox.command.incident;

import org.springframework.http.HttpStatus;

/**
 * Every rule the Incident aggregate enforces. The code is what clients see in a rejection, so codes
 * never change once released.
 */
public enum Rule {
    INCIDENT_ALREADY_EXISTS(Kind.CONFLICT, "incident-already-exists"),
    DRILL_ALREADY_EXISTS(Kind.CONFLICT, "drill-already-exists"),
    /** The id names another kind of thing: a drill's id used for a new incident, or the other way round. */
    ID_TAKEN(Kind.CONFLICT, "id-taken"),
    IDEMPOTENCY_KEY_REUSED(Kind.CONFLICT, "idempotency-key-reused"),
    INCIDENT_RESOLVED(Kind.CONFLICT, "incident-resolved"),
    INCIDENT_NOT_RESOLVED(Kind.CONFLICT, "incident-not-resolved"),
    ALREADY_MITIGATED(Kind.CONFLICT, "already-mitigated"),
    SEVERITY_UNCHANGED(Kind.CONFLICT, "severity-unchanged"),
    HYPOTHESIS_ALREADY_RECORDED(Kind.CONFLICT, "hypothesis-already-recorded"),
    HYPOTHESIS_ALREADY_RULED_OUT(Kind.CONFLICT, "hypothesis-already-ruled-out"),
    HYPOTHESIS_ALREADY_CONFIRMED(Kind.CONFLICT, "hypothesis-already-confirmed"),
    ACTION_ALREADY_RECORDED(Kind.CONFLICT, "action-already-recorded"),
    CORRECTIVE_ACTION_ALREADY_ADDED(Kind.CONFLICT, "corrective-action-already-added"),
    CORRECTIVE_ACTION_ALREADY_COMPLETED(Kind.CONFLICT, "corrective-action-already-completed"),
    NOTE_ALREADY_ADDED(Kind.CONFLICT, "note-already-added"),
    CONTRIBUTING_FACTOR_ALREADY_IDENTIFIED(Kind.CONFLICT, "contributing-factor-already-identified"),
    CONTRIBUTING_FACTOR_ALREADY_WITHDRAWN(Kind.CONFLICT, "contributing-factor-already-withdrawn"),
    BEFORE_IMPACT_START(Kind.CONFLICT, "before-impact-start"),
    BEFORE_DETECTION(Kind.CONFLICT, "before-detection"),
    BEFORE_HYPOTHESIS(Kind.CONFLICT, "before-hypothesis"),
    BEFORE_RESOLUTION(Kind.CONFLICT, "before-resolution"),
    OCCURRED_IN_FUTURE(Kind.INVALID, "occurred-in-future"),
    OCCURRED_BEFORE_1970(Kind.INVALID, "occurred-before-1970"),
    /** PostgreSQL's text cannot hold U+0000: the event would be stored and its read-model rows refused. */
    NUL_CHARACTER(Kind.INVALID, "nul-character"),
    IMPACT_START_AFTER_DETECTION(Kind.INVALID, "impact-start-after-detection"),
    /** A factor needs an id, a kind and a description; an imported history may leave them out. */
    INCOMPLETE_CONTRIBUTING_FACTOR(Kind.INVALID, "incomplete-contributing-factor"),
    HISTORY_MUST_START_WITH_DETECTION(Kind.INVALID, "history-must-start-with-detection"),
    /** Alerts of a group no incident holds, none of them firing: there is nothing to open an incident for. */
    NO_FIRING_ALERTS(Kind.NOT_FOUND, "no-firing-alerts"),
    UNKNOWN_HYPOTHESIS(Kind.NOT_FOUND, "unknown-hypothesis"),
    UNKNOWN_CORRECTIVE_ACTION(Kind.NOT_FOUND, "unknown-corrective-action"),
    UNKNOWN_CONTRIBUTING_FACTOR(Kind.NOT_FOUND, "unknown-contributing-factor");

    /** How a client should read a rejection: fix the request, look elsewhere, or accept the state. */
    public enum Kind {
        INVALID(HttpStatus.BAD_REQUEST), NOT_FOUND(HttpStatus.NOT_FOUND), CONFLICT(HttpStatus.CONFLICT);

        private final HttpStatus status;

        Kind(HttpStatus status) {
            this.status = status;
        }

        /** The HTTP status a rejection of this kind is answered with. */
        public HttpStatus status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;

    Rule(Kind kind, String code) {
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
