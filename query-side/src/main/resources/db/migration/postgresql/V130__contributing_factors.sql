-- investigation: the contributing factors next to the root cause, withdrawn ones kept with their withdrawal.
CREATE TABLE investigation_factor (
    incident_id       VARCHAR NOT NULL,
    factor_id         VARCHAR NOT NULL,
    seq_no            BIGINT NOT NULL,
    description       VARCHAR,
    kind              VARCHAR(16) NOT NULL,
    category          VARCHAR(32),
    hypothesis_id     VARCHAR,
    identified_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    identified_by     VARCHAR,
    withdrawn_at      TIMESTAMP WITH TIME ZONE,
    withdrawn_by      VARCHAR,
    withdrawal_reason VARCHAR,
    PRIMARY KEY (incident_id, factor_id)
);

-- incident-metrics: the categories of an incident's factors still standing, for incidents per factor category.
CREATE TABLE incident_metrics_factor (
    incident_id VARCHAR NOT NULL,
    factor_id   VARCHAR NOT NULL,
    category    VARCHAR(32) NOT NULL,
    PRIMARY KEY (incident_id, factor_id)
);
