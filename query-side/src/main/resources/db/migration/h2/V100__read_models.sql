-- Read models of the query side. Every table can be emptied and rebuilt from the event store,
-- so nothing here is the source of truth. Portable SQL: runs on H2 2.x and PostgreSQL 15+.
-- Client-chosen ids and texts have no length limit and free texts may be missing: an event the
-- command side accepted must never be refused by a read model, or its processor would stall on it.

-- incident-summary: one row per incident for the list and the detail page.
CREATE TABLE incident_summary (
    incident_id             VARCHAR NOT NULL PRIMARY KEY,
    title                   VARCHAR,
    description             VARCHAR,
    status                  VARCHAR(16) NOT NULL,
    severity                VARCHAR(8) NOT NULL,
    severity_changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    detected_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    detected_by             VARCHAR,
    recorded_by             VARCHAR,
    impact_started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    user_impact_percent     INTEGER,
    impact_description      VARCHAR,
    impact_assessed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    drill                   BOOLEAN NOT NULL,
    acknowledged_at         TIMESTAMP WITH TIME ZONE,
    acknowledged_by         VARCHAR,
    mitigated_at            TIMESTAMP WITH TIME ZONE,
    mitigation              VARCHAR,
    resolved_at             TIMESTAMP WITH TIME ZONE,
    resolution              VARCHAR,
    reopen_count            INTEGER NOT NULL,
    root_cause_summary      VARCHAR,
    root_cause_category     VARCHAR(32),
    root_cause_at           TIMESTAMP WITH TIME ZONE,
    escalation_count        INTEGER NOT NULL,
    hypothesis_count        INTEGER NOT NULL,
    ruled_out_count         INTEGER NOT NULL,
    action_count            INTEGER NOT NULL,
    corrective_action_count INTEGER NOT NULL,
    last_event_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence           BIGINT NOT NULL
);
CREATE INDEX incident_summary_detected ON incident_summary (detected_at);

CREATE TABLE incident_service (
    incident_id VARCHAR NOT NULL,
    service     VARCHAR NOT NULL,
    ordinal     INTEGER NOT NULL,
    PRIMARY KEY (incident_id, service)
);
CREATE INDEX incident_service_service ON incident_service (service);

-- timeline: one entry per event. subject keeps the hypothesis statement or corrective action
-- description so later entries about the same thing can name it.
CREATE TABLE timeline_entry (
    incident_id          VARCHAR NOT NULL,
    seq_no               BIGINT NOT NULL,
    occurred_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    kind                 VARCHAR(40) NOT NULL,
    actor                VARCHAR,
    entry_text           VARCHAR,
    subject              VARCHAR,
    hypothesis_id        VARCHAR,
    action_id            VARCHAR,
    corrective_action_id VARCHAR,
    PRIMARY KEY (incident_id, seq_no)
);

-- investigation: hypotheses, actions, escalations and the root cause of each incident.
CREATE TABLE investigation_hypothesis (
    incident_id         VARCHAR NOT NULL,
    hypothesis_id       VARCHAR NOT NULL,
    seq_no              BIGINT NOT NULL,
    statement           VARCHAR,
    suspected_component VARCHAR,
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by         VARCHAR,
    status              VARCHAR(16) NOT NULL,
    closed_at           TIMESTAMP WITH TIME ZONE,
    closed_by           VARCHAR,
    evidence            VARCHAR,
    PRIMARY KEY (incident_id, hypothesis_id)
);

CREATE TABLE investigation_action (
    incident_id   VARCHAR NOT NULL,
    seq_no        BIGINT NOT NULL,
    action_id     VARCHAR,
    description   VARCHAR,
    outcome       VARCHAR(16) NOT NULL,
    hypothesis_id VARCHAR,
    taken_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    taken_by      VARCHAR,
    PRIMARY KEY (incident_id, seq_no)
);

CREATE TABLE investigation_escalation (
    incident_id  VARCHAR NOT NULL,
    seq_no       BIGINT NOT NULL,
    target       VARCHAR,
    reason       VARCHAR,
    escalated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    escalated_by VARCHAR,
    PRIMARY KEY (incident_id, seq_no)
);

CREATE TABLE investigation_root_cause (
    incident_id   VARCHAR NOT NULL PRIMARY KEY,
    summary       VARCHAR,
    category      VARCHAR(32) NOT NULL,
    hypothesis_id VARCHAR,
    identified_at TIMESTAMP WITH TIME ZONE NOT NULL,
    identified_by VARCHAR
);

-- incident-metrics: the facts the time-to-X metrics are computed from, and the results.
CREATE TABLE incident_metrics (
    incident_id            VARCHAR NOT NULL PRIMARY KEY,
    drill                  BOOLEAN NOT NULL,
    severity               VARCHAR(8) NOT NULL,
    severity_changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    root_cause_category    VARCHAR(32),
    detected_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    impact_started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    impact_assessed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    first_acknowledged_at  TIMESTAMP WITH TIME ZONE,
    first_mitigated_at     TIMESTAMP WITH TIME ZONE,
    resolved_at            TIMESTAMP WITH TIME ZONE,
    root_cause_at          TIMESTAMP WITH TIME ZONE,
    escalation_count       INTEGER NOT NULL,
    hypothesis_count       INTEGER NOT NULL,
    ruled_out_count        INTEGER NOT NULL,
    misleading_seconds     BIGINT NOT NULL,
    time_to_detect         BIGINT,
    time_to_acknowledge    BIGINT,
    time_to_mitigate       BIGINT,
    time_to_resolve        BIGINT,
    time_to_root_cause     BIGINT,
    last_sequence          BIGINT NOT NULL
);
CREATE INDEX incident_metrics_detected ON incident_metrics (detected_at);

CREATE TABLE incident_metrics_service (
    incident_id VARCHAR NOT NULL,
    service     VARCHAR NOT NULL,
    PRIMARY KEY (incident_id, service)
);

CREATE TABLE incident_metrics_hypothesis (
    incident_id   VARCHAR NOT NULL,
    hypothesis_id VARCHAR NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ruled_out_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (incident_id, hypothesis_id)
);

-- postmortem: follow-up work and the written conclusion.
CREATE TABLE corrective_action (
    incident_id          VARCHAR NOT NULL,
    corrective_action_id VARCHAR NOT NULL,
    seq_no               BIGINT NOT NULL,
    description          VARCHAR,
    kind                 VARCHAR(16) NOT NULL,
    owner                VARCHAR,
    due_at               TIMESTAMP WITH TIME ZONE,
    added_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    added_by             VARCHAR,
    completed_at         TIMESTAMP WITH TIME ZONE,
    completed_by         VARCHAR,
    PRIMARY KEY (incident_id, corrective_action_id)
);

CREATE TABLE postmortem_conclusion (
    incident_id VARCHAR NOT NULL PRIMARY KEY,
    conclusion  VARCHAR NOT NULL,
    written_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    written_by  VARCHAR
);
