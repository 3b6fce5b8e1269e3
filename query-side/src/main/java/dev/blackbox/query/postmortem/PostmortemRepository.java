package dev.blackbox.query.postmortem;

import dev.blackbox.events.CorrectiveActionKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.supersedes;
import static dev.blackbox.query.SqlTimes.toSql;

/** Corrective actions and conclusions. */
@Component
public class PostmortemRepository {

    private final JdbcClient jdbc;

    public PostmortemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the action once; a replayed addition must not undo a completion recorded since. */
    void addCorrectiveAction(String incidentId, long sequence, CorrectiveMeasureView action) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM corrective_action"
                        + " WHERE incident_id = :incidentId AND corrective_action_id = :id")
                .param("incidentId", incidentId)
                .param("id", action.correctiveActionId())
                .query(Long.class)
                .single() > 0;
        if (known) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("id", action.correctiveActionId());
        p.put("sequence", sequence);
        p.put("description", action.description());
        p.put("kind", action.kind().name());
        p.put("owner", action.owner());
        p.put("dueAt", toSql(action.dueAt()));
        p.put("addedAt", toSql(action.addedAt()));
        p.put("addedBy", action.addedBy());
        jdbc.sql("""
                        INSERT INTO corrective_action (incident_id, corrective_action_id, seq_no, description, kind,
                          owner, due_at, added_at, added_by)
                        VALUES (:incidentId, :id, :sequence, :description, :kind, :owner, :dueAt, :addedAt, :addedBy)""")
                .params(p)
                .update();
    }

    void completeCorrectiveAction(String incidentId, String correctiveActionId, Instant completedAt, String completedBy) {
        jdbc.sql("""
                        UPDATE corrective_action SET completed_at = :completedAt, completed_by = :completedBy
                        WHERE incident_id = :incidentId AND corrective_action_id = :id""")
                .param("completedAt", toSql(completedAt))
                .param("completedBy", completedBy)
                .param("incidentId", incidentId)
                .param("id", correctiveActionId)
                .update();
    }

    /** Keeps the conclusion written last in the world's time. */
    void writeConclusion(String incidentId, ConclusionView conclusion) {
        Optional<ConclusionView> current = conclusion(incidentId);
        if (current.isPresent() && !supersedes(conclusion.writtenAt(), current.get().writtenAt())) {
            return;
        }
        String sql = current.isPresent()
                ? "UPDATE postmortem_conclusion SET conclusion = :text, written_at = :writtenAt, written_by = :writtenBy"
                + " WHERE incident_id = :incidentId"
                : "INSERT INTO postmortem_conclusion (incident_id, conclusion, written_at, written_by)"
                + " VALUES (:incidentId, :text, :writtenAt, :writtenBy)";
        jdbc.sql(sql)
                .param("incidentId", incidentId)
                .param("text", conclusion.text())
                .param("writtenAt", toSql(conclusion.writtenAt()))
                .param("writtenBy", conclusion.writtenBy())
                .update();
    }

    /** Improvements first, then tasks, each in the order they were added. */
    List<CorrectiveMeasureView> correctiveActions(String incidentId) {
        return jdbc.sql("""
                        SELECT corrective_action_id, kind, description, owner, due_at, completed_at, added_at, added_by
                        FROM corrective_action WHERE incident_id = :incidentId
                        ORDER BY CASE kind WHEN 'IMPROVEMENT' THEN 0 ELSE 1 END, seq_no""")
                .param("incidentId", incidentId)
                .query((rs, rowNum) -> {
                    Instant completedAt = instant(rs, "completed_at");
                    return new CorrectiveMeasureView(
                            rs.getString("corrective_action_id"),
                            CorrectiveActionKind.valueOf(rs.getString("kind")),
                            rs.getString("description"),
                            rs.getString("owner"),
                            instant(rs, "due_at"),
                            completedAt != null,
                            completedAt,
                            instant(rs, "added_at"),
                            rs.getString("added_by"));
                })
                .list();
    }

    Optional<ConclusionView> conclusion(String incidentId) {
        return jdbc.sql("SELECT conclusion, written_at, written_by FROM postmortem_conclusion"
                        + " WHERE incident_id = :incidentId")
                .param("incidentId", incidentId)
                .query((rs, rowNum) -> new ConclusionView(rs.getString("conclusion"), instant(rs, "written_at"),
                        rs.getString("written_by")))
                .optional();
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM corrective_action").update();
        jdbc.sql("DELETE FROM postmortem_conclusion").update();
    }
}
