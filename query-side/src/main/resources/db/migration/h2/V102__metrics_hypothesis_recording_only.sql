-- incident-metrics adds a hypothesis's misleading time to its incident's sum when the hypothesis is
-- ruled out, from the recording time kept here. The verdict's time was no longer read, so it goes.
ALTER TABLE incident_metrics_hypothesis DROP COLUMN ruled_out_at;
