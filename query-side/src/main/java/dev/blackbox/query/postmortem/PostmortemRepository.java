package dev.blackbox.query.postmortem;

import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.plumbing.batch.BatchRows;
import dev.blackbox.plumbing.batch.ProcessorBatch;
import dev.blackbox.query.IncidentRows;
import dev.blackbox.query.JdbcBatches;
import dev.blackbox.query.ReadModelTables;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.blackbox.query.SqlTimes.asStored;
import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.supersedes;
import static dev.blackbox.query.SqlTimes.toSql;

/** Corrective actions and conclusions. */
@Component
public class PostmortemRepository {

    private static final String INSERT_CORRECTIVE_ACTION = """
            INSERT INTO corrective_action (incident_id, corrective_action_id, seq_no, description, kind,
              owner, due_at, added_at, added_by)
            VALUES (:incidentId, :id, :sequence, :description, :kind, :owner, :dueAt, :addedAt, :addedBy)""";

    private static final String COMPLETE_CORRECTIVE_ACTION = """
            UPDATE corrective_action SET completed_at = :completedAt, completed_by = :completedBy
            WHERE incident_id = :incidentId AND corrective_action_id = :id""";

    private static final String UPDATE_CONCLUSION = "UPDATE postmortem_conclusion SET conclusion = :text,"
            + " written_at = :writtenAt, written_by = :writtenBy WHERE incident_id = :incidentId";

    private static final String INSERT_CONCLUSION = "INSERT INTO postmortem_conclusion (incident_id, conclusion,"
            + " written_at, written_by) VALUES (:incidentId, :text, :writtenAt, :writtenBy)";

    /**
     * What a batch wrote. Actions are added before they are completed within any incident (its rules
     * refuse completing an action it never added), so all additions are written first.
     */
    private static final class Writes {
        final Map<JdbcBatches.ItemKey, JdbcBatches.Row> added = new LinkedHashMap<>();
        final List<Map<String, Object>> completed = new ArrayList<>();
        final BatchRows<ConclusionView> conclusions = new BatchRows<>();
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate template;
    private final IncidentRows<ConclusionView> conclusionRows;
    private final ProcessorBatch<Writes> batch = new ProcessorBatch<>(Writes::new, this::write);

    public PostmortemRepository(NamedParameterJdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
        this.template = template;
        this.conclusionRows = new IncidentRows<>(jdbc, "postmortem_conclusion",
                "incident_id, conclusion, written_at, written_by", (rs, rowNum) -> new ConclusionView(
                        rs.getString("conclusion"), instant(rs, "written_at"), rs.getString("written_by")));
    }

    /** Adds the action once; a replayed addition must not undo a completion recorded since. */
    void addCorrectiveAction(String incidentId, long sequence, CorrectiveMeasureView action) {
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
        batch.apply(w -> w.added.putIfAbsent(new JdbcBatches.ItemKey(incidentId, action.correctiveActionId()),
                JdbcBatches.Row.ofEvent(p)));
    }

    void completeCorrectiveAction(String incidentId, String correctiveActionId, Instant completedAt, String completedBy) {
        Map<String, Object> p = new HashMap<>();
        p.put("completedAt", toSql(completedAt));
        p.put("completedBy", completedBy);
        p.put("incidentId", incidentId);
        p.put("id", correctiveActionId);
        batch.apply(w -> w.completed.add(p));
    }

    /** Keeps the conclusion written last in the world's time. */
    void writeConclusion(String incidentId, ConclusionView conclusion) {
        Optional<ConclusionView> current = batch.current()
                .map(w -> w.conclusions.find(incidentId, conclusionRows::selectAll, conclusionRows::select))
                .orElseGet(() -> conclusion(incidentId));
        if (current.isPresent() && !supersedes(conclusion.writtenAt(), current.get().writtenAt())) {
            return;
        }
        ConclusionView stored = new ConclusionView(conclusion.text(), asStored(conclusion.writtenAt()),
                conclusion.writtenBy());
        if (current.isPresent()) {
            batch.apply(w -> w.conclusions.update(incidentId, stored));
        } else {
            batch.apply(w -> w.conclusions.insert(incidentId, stored));
        }
    }

    private static Map<String, Object> conclusionParameters(String incidentId, ConclusionView conclusion) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("text", conclusion.text());
        p.put("writtenAt", toSql(conclusion.writtenAt()));
        p.put("writtenBy", conclusion.writtenBy());
        return p;
    }

    private void write(Writes writes) {
        JdbcBatches.insertAbsent(template, "corrective_action", "corrective_action_id", INSERT_CORRECTIVE_ACTION,
                writes.added);
        JdbcBatches.run(template, COMPLETE_CORRECTIVE_ACTION, writes.completed);
        JdbcBatches.run(template, INSERT_CONCLUSION, writes.conclusions.inserted().entrySet().stream()
                .map(row -> conclusionParameters(row.getKey(), row.getValue())).toList());
        JdbcBatches.run(template, UPDATE_CONCLUSION, writes.conclusions.updated().entrySet().stream()
                .map(row -> conclusionParameters(row.getKey(), row.getValue())).toList());
    }

    /** Improvements first, then tasks, each in the order they were added. */
    public List<CorrectiveMeasureView> correctiveActions(String incidentId) {
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
        return conclusionRows.select(incidentId);
    }

    void deleteAll() {
        ReadModelTables.truncate(jdbc, "corrective_action", "postmortem_conclusion");
    }
}
