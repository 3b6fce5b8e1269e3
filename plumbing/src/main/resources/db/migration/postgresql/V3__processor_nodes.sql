-- Which instances currently run which event processor, refreshed by each instance's SegmentBalancer,
-- so that instances sharing a processor through the token store can tell how many share it.

CREATE TABLE processor_node (
    processor_name   VARCHAR(255) NOT NULL,
    node_id          VARCHAR(255) NOT NULL,
    last_seen_millis BIGINT       NOT NULL,
    PRIMARY KEY (processor_name, node_id)
);
