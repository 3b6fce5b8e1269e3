-- Subscriptions (events out): where each one delivers, how far it got and who delivers it.
-- token_data/token_type hold the subscription's tracking token as the token store would; position
-- is that token's store position, shown to users. generation grows with every replay so a worker
-- that read the row before it cannot save over it. lease_owner/lease_until: the one process that
-- delivers the subscription, taken and kept with a conditional UPDATE.
CREATE TABLE subscription (
    subscription_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    url              VARCHAR(2048) NOT NULL,
    secret           VARCHAR(200) NOT NULL,
    filter_json      VARCHAR      NOT NULL,
    body_format      VARCHAR(16)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    token_data       VARBINARY(65536),
    token_type       VARCHAR(255),
    position         BIGINT       NOT NULL,
    generation       BIGINT       NOT NULL,
    caught_up_at     TIMESTAMP WITH TIME ZONE,
    delivered_count  BIGINT       NOT NULL,
    last_delivery_at TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR,
    last_error_at    TIMESTAMP WITH TIME ZONE,
    failing_since    TIMESTAMP WITH TIME ZONE,
    paused_at        TIMESTAMP WITH TIME ZONE,
    lease_owner      VARCHAR(255),
    lease_until      TIMESTAMP WITH TIME ZONE
);

-- Deliveries a receiver refused for good (a 4xx other than 408/429), kept until retried by the API.
CREATE TABLE subscription_parked (
    subscription_id VARCHAR(64)  NOT NULL,
    webhook_id      VARCHAR(64)  NOT NULL,
    incident_id     VARCHAR      NOT NULL,
    seq_no          BIGINT       NOT NULL,
    position        BIGINT       NOT NULL,
    body            VARCHAR      NOT NULL,
    reason          VARCHAR      NOT NULL,
    parked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    retry_requested BOOLEAN      NOT NULL,
    PRIMARY KEY (subscription_id, webhook_id)
);
