-- A hypothesis ruled out or confirmed, and a corrective action completed, are written with the
-- subject of the entry that recorded it (TimelineRepository.subject). Without this index each of
-- them read every timeline entry of its incident, so projecting an incident of n events grew as
-- n squared. Hypotheses are found by all three columns; corrective actions by the first two,
-- which leave only the incident's CORRECTIVE_ACTION_ADDED entries to check.
CREATE INDEX timeline_entry_subject ON timeline_entry (incident_id, kind, hypothesis_id);
