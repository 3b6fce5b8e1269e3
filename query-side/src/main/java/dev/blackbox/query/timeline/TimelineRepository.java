package dev.blackbox.query.timeline;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.toSql;

/** The timeline table. */
@Component
public class TimelineRepository {

    private final JdbcClient jdbc;

    public TimelineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the entry at its sequence number, replacing what a previous run wrote there. */
    void save(String incidentId, TimelineEntryView entry, String subject) {
        int updated = jdbc.sql("""
                        UPDATE timeline_entry SET occurred_at = :occurredAt, kind = :kind, actor = :actor,
                          entry_text = :text, subject = :subject, hypothesis_id = :hypothesisId,
                          action_id = :actionId, corrective_action_id = :correctiveActionId
                        WHERE incident_id = :incidentId AND seq_no = :sequence""")
                .params(parameters(incidentId, entry, subject))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO timeline_entry (incident_id, seq_no, occurred_at, kind, actor, entry_text,
                              subject, hypothesis_id, action_id, corrective_action_id)
                            VALUES (:incidentId, :sequence, :occurredAt, :kind, :actor, :text,
                              :subject, :hypothesisId, :actionId, :correctiveActionId)""")
                    .params(parameters(incidentId, entry, subject))
                    .update();
        }
    }

    /** The statement of a hypothesis or description of a corrective action, as recorded earlier. */
    Optional<String> subject(String incidentId, TimelineEntryKind kind, String column, String id) {
        return jdbc.sql("SELECT subject FROM timeline_entry WHERE incident_id = :incidentId AND kind = :kind AND "
                        + column + " = :id ORDER BY seq_no")
                .param("incidentId", incidentId)
                .param("kind", kind.name())
                .param("id", id)
                .query(String.class)
                .list()
                .stream()
                .findFirst();
    }

    public List<TimelineEntryView> entries(String incidentId) {
        return jdbc.sql("""
                        SELECT seq_no, occurred_at, kind, actor, entry_text, hypothesis_id, action_id,
                          corrective_action_id
                        FROM timeline_entry WHERE incident_id = :incidentId ORDER BY occurred_at, seq_no""")
                .param("incidentId", incidentId)
                .query((rs, rowNum) -> new TimelineEntryView(
                        instant(rs, "occurred_at"),
                        TimelineEntryKind.valueOf(rs.getString("kind")),
                        rs.getString("actor"),
                        rs.getString("entry_text"),
                        rs.getString("hypothesis_id"),
                        rs.getString("action_id"),
                        rs.getString("corrective_action_id"),
                        rs.getLong("seq_no")))
                .list();
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM timeline_entry").update();
    }

    private static Map<String, Object> parameters(String incidentId, TimelineEntryView entry, String subject) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("sequence", entry.sequence());
        p.put("occurredAt", toSql(entry.occurredAt()));
        p.put("kind", entry.kind().name());
        p.put("actor", entry.actor());
        p.put("text", entry.text());
        p.put("subject", subject);
        p.put("hypothesisId", entry.hypothesisId());
        p.put("actionId", entry.actionId());
        p.put("correctiveActionId", entry.correctiveActionId());
        return p;
    }
}
