package dev.blackbox.query.investigation;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.plumbing.batch.BatchRows;
import dev.blackbox.plumbing.batch.ProcessorBatch;
import dev.blackbox.query.IncidentRows;
import dev.blackbox.query.JdbcBatches;
import dev.blackbox.query.ReadModelTables;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.blackbox.query.SqlTimes.asStored;
import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.supersedes;
import static dev.blackbox.query.SqlTimes.toSql;

/** The investigation tables. */
@Component
public class InvestigationRepository {

    private static final String INSERT_HYPOTHESIS = """
            INSERT INTO investigation_hypothesis (incident_id, hypothesis_id, seq_no, statement,
              suspected_component, recorded_at, recorded_by, status)
            VALUES (:incidentId, :hypothesisId, :sequence, :statement, :component, :recordedAt,
              :recordedBy, :status)""";

    private static final String CLOSE_HYPOTHESIS = """
            UPDATE investigation_hypothesis SET status = :status, closed_at = :closedAt,
              closed_by = :closedBy, evidence = :evidence
            WHERE incident_id = :incidentId AND hypothesis_id = :hypothesisId""";

    private static final String UPDATE_ACTION = """
            UPDATE investigation_action SET action_id = :actionId, description = :description,
              outcome = :outcome, hypothesis_id = :hypothesisId, taken_at = :takenAt, taken_by = :takenBy
            WHERE incident_id = :incidentId AND seq_no = :sequence""";

    private static final String INSERT_ACTION = """
            INSERT INTO investigation_action (incident_id, seq_no, action_id, description, outcome,
              hypothesis_id, taken_at, taken_by)
            VALUES (:incidentId, :sequence, :actionId, :description, :outcome, :hypothesisId,
              :takenAt, :takenBy)""";

    private static final String UPDATE_ESCALATION = """
            UPDATE investigation_escalation SET target = :target, reason = :reason,
              escalated_at = :escalatedAt, escalated_by = :escalatedBy
            WHERE incident_id = :incidentId AND seq_no = :sequence""";

    private static final String INSERT_ESCALATION = """
            INSERT INTO investigation_escalation (incident_id, seq_no, target, reason,
              escalated_at, escalated_by)
            VALUES (:incidentId, :sequence, :target, :reason, :escalatedAt, :escalatedBy)""";

    private static final String UPDATE_ROOT_CAUSE = """
            UPDATE investigation_root_cause SET summary = :summary, category = :category,
              hypothesis_id = :hypothesisId, identified_at = :identifiedAt, identified_by = :identifiedBy
            WHERE incident_id = :incidentId""";

    private static final String ROOT_CAUSE_COLUMNS =
            "incident_id, summary, category, hypothesis_id, identified_at, identified_by";

    private static final String INSERT_ROOT_CAUSE = """
            INSERT INTO investigation_root_cause (incident_id, summary, category, hypothesis_id,
              identified_at, identified_by)
            VALUES (:incidentId, :summary, :category, :hypothesisId, :identifiedAt, :identifiedBy)""";

    private static final String INSERT_FACTOR = """
            INSERT INTO investigation_factor (incident_id, factor_id, seq_no, description, kind, category,
              hypothesis_id, identified_at, identified_by)
            VALUES (:incidentId, :factorId, :sequence, :description, :kind, :category, :hypothesisId,
              :identifiedAt, :identifiedBy)""";

    private static final String WITHDRAW_FACTOR = """
            UPDATE investigation_factor SET withdrawn_at = :withdrawnAt, withdrawn_by = :withdrawnBy,
              withdrawal_reason = :reason
            WHERE incident_id = :incidentId AND factor_id = :factorId""";

    private record Position(String incidentId, long sequence) {
    }

    /**
     * What a batch wrote, in the order it is written: recordings before verdicts, which is their order
     * within any incident (its rules refuse a verdict on a hypothesis it never recorded).
     */
    private static final class Writes {
        final Map<JdbcBatches.ItemKey, JdbcBatches.Row> recorded = new LinkedHashMap<>();
        final List<Map<String, Object>> closed = new ArrayList<>();
        final Map<Position, JdbcBatches.Row> actions = new LinkedHashMap<>();
        final Map<Position, JdbcBatches.Row> escalations = new LinkedHashMap<>();
        final BatchRows<RootCauseView> rootCauses = new BatchRows<>();
        final Map<JdbcBatches.ItemKey, JdbcBatches.Row> factors = new LinkedHashMap<>();
        final List<Map<String, Object>> withdrawals = new ArrayList<>();
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate template;
    private final IncidentRows<RootCauseView> rootCauseRows;
    private final ProcessorBatch<Writes> batch = new ProcessorBatch<>(Writes::new, this::write);

    public InvestigationRepository(NamedParameterJdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
        this.template = template;
        this.rootCauseRows = new IncidentRows<>(jdbc, "investigation_root_cause", ROOT_CAUSE_COLUMNS,
                InvestigationRepository::rootCause);
    }

    /** Records a hypothesis once; a replayed recording must not reopen one that was closed since. */
    void recordHypothesis(String incidentId, long sequence, String hypothesisId, String statement,
                          String suspectedComponent, Instant recordedAt, String recordedBy) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("hypothesisId", hypothesisId);
        p.put("sequence", sequence);
        p.put("statement", statement);
        p.put("component", suspectedComponent);
        p.put("recordedAt", toSql(recordedAt));
        p.put("recordedBy", recordedBy);
        p.put("status", HypothesisStatus.OPEN.name());
        batch.apply(w -> w.recorded.putIfAbsent(new JdbcBatches.ItemKey(incidentId, hypothesisId),
                JdbcBatches.Row.ofEvent(p)));
    }

    void closeHypothesis(String incidentId, String hypothesisId, HypothesisStatus status, Instant closedAt,
                         String closedBy, String evidence) {
        Map<String, Object> p = new HashMap<>();
        p.put("status", status.name());
        p.put("closedAt", toSql(closedAt));
        p.put("closedBy", closedBy);
        p.put("evidence", evidence);
        p.put("incidentId", incidentId);
        p.put("hypothesisId", hypothesisId);
        batch.apply(w -> w.closed.add(p));
    }

    void saveAction(String incidentId, long sequence, ActionView action) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("sequence", sequence);
        p.put("actionId", action.actionId());
        p.put("description", action.description());
        p.put("outcome", action.outcome().name());
        p.put("hypothesisId", action.hypothesisId());
        p.put("takenAt", toSql(action.takenAt()));
        p.put("takenBy", action.takenBy());
        batch.apply(w -> w.actions.put(new Position(incidentId, sequence), JdbcBatches.Row.ofEvent(p)));
    }

    void saveEscalation(String incidentId, long sequence, EscalationView escalation) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("sequence", sequence);
        p.put("target", escalation.target());
        p.put("reason", escalation.reason());
        p.put("escalatedAt", toSql(escalation.escalatedAt()));
        p.put("escalatedBy", escalation.escalatedBy());
        batch.apply(w -> w.escalations.put(new Position(incidentId, sequence), JdbcBatches.Row.ofEvent(p)));
    }

    /** Keeps the identification that happened last in the world; a back-filled earlier one does not replace it. */
    void saveRootCause(String incidentId, RootCauseView rootCause) {
        Optional<RootCauseView> current = batch.current()
                .map(w -> w.rootCauses.find(incidentId, rootCauseRows::selectAll, rootCauseRows::select))
                .orElseGet(() -> rootCauseRows.select(incidentId));
        if (current.isPresent() && !supersedes(rootCause.identifiedAt(), current.get().identifiedAt())) {
            return;
        }
        RootCauseView stored = new RootCauseView(rootCause.summary(), rootCause.category(), rootCause.hypothesisId(),
                asStored(rootCause.identifiedAt()), rootCause.identifiedBy());
        if (current.isPresent()) {
            batch.apply(w -> w.rootCauses.update(incidentId, stored));
        } else {
            batch.apply(w -> w.rootCauses.insert(incidentId, stored));
        }
    }

    private static Map<String, Object> rootCauseParameters(String incidentId, RootCauseView rootCause) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("summary", rootCause.summary());
        p.put("category", rootCause.category().name());
        p.put("hypothesisId", rootCause.hypothesisId());
        p.put("identifiedAt", toSql(rootCause.identifiedAt()));
        p.put("identifiedBy", rootCause.identifiedBy());
        return p;
    }

    /** Identifies a factor once; a replayed identification must not bring back one withdrawn since. */
    void identifyFactor(String incidentId, long sequence, ContributingFactorView factor) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("factorId", factor.factorId());
        p.put("sequence", sequence);
        p.put("description", factor.description());
        p.put("kind", factor.kind().name());
        p.put("category", factor.category() == null ? null : factor.category().name());
        p.put("hypothesisId", factor.hypothesisId());
        p.put("identifiedAt", toSql(factor.identifiedAt()));
        p.put("identifiedBy", factor.identifiedBy());
        batch.apply(w -> w.factors.putIfAbsent(new JdbcBatches.ItemKey(incidentId, factor.factorId()),
                JdbcBatches.Row.ofEvent(p)));
    }

    void withdrawFactor(String incidentId, String factorId, Instant withdrawnAt, String withdrawnBy, String reason) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", incidentId);
        p.put("factorId", factorId);
        p.put("withdrawnAt", toSql(withdrawnAt));
        p.put("withdrawnBy", withdrawnBy);
        p.put("reason", reason);
        batch.apply(w -> w.withdrawals.add(p));
    }

    private void write(Writes writes) {
        JdbcBatches.insertAbsent(template, "investigation_hypothesis", "hypothesis_id", INSERT_HYPOTHESIS,
                writes.recorded);
        JdbcBatches.run(template, CLOSE_HYPOTHESIS, writes.closed);
        JdbcBatches.upsert(template, UPDATE_ACTION, INSERT_ACTION, writes.actions.values());
        JdbcBatches.upsert(template, UPDATE_ESCALATION, INSERT_ESCALATION, writes.escalations.values());
        JdbcBatches.run(template, INSERT_ROOT_CAUSE, writes.rootCauses.inserted().entrySet().stream()
                .map(row -> rootCauseParameters(row.getKey(), row.getValue())).toList());
        JdbcBatches.run(template, UPDATE_ROOT_CAUSE, writes.rootCauses.updated().entrySet().stream()
                .map(row -> rootCauseParameters(row.getKey(), row.getValue())).toList());
        JdbcBatches.insertAbsent(template, "investigation_factor", "factor_id", INSERT_FACTOR, writes.factors);
        JdbcBatches.run(template, WITHDRAW_FACTOR, writes.withdrawals);
    }

    public InvestigationView load(String incidentId) {
        List<ActionView> actions = actions(incidentId);
        List<HypothesisView> hypotheses = hypotheses(incidentId, actions);
        List<MisleadingPathView> misleading = new ArrayList<>();
        for (HypothesisView h : hypotheses) {
            if (h.status() == HypothesisStatus.RULED_OUT) {
                misleading.add(new MisleadingPathView(MisleadingPathView.Kind.RULED_OUT_HYPOTHESIS, h.hypothesisId(),
                        null, h.statement(), h.evidence(), null, h.recordedAt(), h.closedAt(), h.recordedBy(),
                        h.openSeconds()));
            }
        }
        for (ActionView a : actions) {
            if (a.outcome() == ActionOutcome.NO_EFFECT || a.outcome() == ActionOutcome.MADE_WORSE) {
                misleading.add(new MisleadingPathView(MisleadingPathView.Kind.INEFFECTIVE_ACTION, a.hypothesisId(),
                        a.actionId(), a.description(), null, a.outcome(), a.takenAt(), a.takenAt(), a.takenBy(),
                        null));
            }
        }
        misleading.sort(Comparator.comparing(MisleadingPathView::startedAt));
        return new InvestigationView(incidentId, hypotheses, actions, escalations(incidentId),
                rootCauseRows.select(incidentId).orElse(null), misleading, factors(incidentId));
    }

    private List<ContributingFactorView> factors(String incidentId) {
        return jdbc.sql("""
                        SELECT factor_id, description, kind, category, hypothesis_id, identified_at, identified_by,
                          withdrawn_at, withdrawn_by, withdrawal_reason
                        FROM investigation_factor WHERE incident_id = :incidentId ORDER BY identified_at, seq_no""")
                .param("incidentId", incidentId)
                .query((rs, rowNum) -> {
                    String category = rs.getString("category");
                    return new ContributingFactorView(
                            rs.getString("factor_id"),
                            rs.getString("description"),
                            ContributingFactorKind.valueOf(rs.getString("kind")),
                            category == null ? null : RootCauseCategory.valueOf(category),
                            rs.getString("hypothesis_id"),
                            instant(rs, "identified_at"),
                            rs.getString("identified_by"),
                            instant(rs, "withdrawn_at"),
                            rs.getString("withdrawn_by"),
                            rs.getString("withdrawal_reason"));
                })
                .list();
    }

    private List<ActionView> actions(String incidentId) {
        return jdbc.sql("""
                        SELECT action_id, description, outcome, hypothesis_id, taken_at, taken_by
                        FROM investigation_action WHERE incident_id = :incidentId ORDER BY taken_at, seq_no""")
                .param("incidentId", incidentId)
                .query((rs, rowNum) -> new ActionView(
                        rs.getString("action_id"),
                        rs.getString("description"),
                        ActionOutcome.valueOf(rs.getString("outcome")),
                        rs.getString("hypothesis_id"),
                        instant(rs, "taken_at"),
                        rs.getString("taken_by")))
                .list();
    }

    private List<HypothesisView> hypotheses(String incidentId, List<ActionView> actions) {
        // Grouped once: an incident may have hundreds of hypotheses and actions, and each hypothesis
        // scanning every action made a large incident's postmortem quadratic in its size.
        Map<String, List<ActionView>> actionsByHypothesis = new HashMap<>();
        for (ActionView action : actions) {
            if (action.hypothesisId() != null) {
                actionsByHypothesis.computeIfAbsent(action.hypothesisId(), id -> new ArrayList<>()).add(action);
            }
        }
        return jdbc.sql("""
                        SELECT hypothesis_id, statement, suspected_component, status, recorded_at, recorded_by,
                          closed_at, closed_by, evidence
                        FROM investigation_hypothesis WHERE incident_id = :incidentId ORDER BY recorded_at, seq_no""")
                .param("incidentId", incidentId)
                .query((rs, rowNum) -> {
                    String hypothesisId = rs.getString("hypothesis_id");
                    Instant recordedAt = instant(rs, "recorded_at");
                    Instant closedAt = instant(rs, "closed_at");
                    return new HypothesisView(
                            hypothesisId,
                            rs.getString("statement"),
                            rs.getString("suspected_component"),
                            HypothesisStatus.valueOf(rs.getString("status")),
                            recordedAt,
                            rs.getString("recorded_by"),
                            closedAt,
                            rs.getString("closed_by"),
                            rs.getString("evidence"),
                            closedAt == null ? null : Duration.between(recordedAt, closedAt).toSeconds(),
                            actionsByHypothesis.getOrDefault(hypothesisId, List.of()));
                })
                .list();
    }

    private List<EscalationView> escalations(String incidentId) {
        return jdbc.sql("""
                        SELECT target, reason, escalated_at, escalated_by
                        FROM investigation_escalation WHERE incident_id = :incidentId ORDER BY escalated_at, seq_no""")
                .param("incidentId", incidentId)
                .query((rs, rowNum) -> new EscalationView(
                        rs.getString("target"),
                        rs.getString("reason"),
                        instant(rs, "escalated_at"),
                        rs.getString("escalated_by")))
                .list();
    }

    private static RootCauseView rootCause(ResultSet rs, int rowNum) throws SQLException {
        return new RootCauseView(
                rs.getString("summary"),
                RootCauseCategory.valueOf(rs.getString("category")),
                rs.getString("hypothesis_id"),
                instant(rs, "identified_at"),
                rs.getString("identified_by"));
    }

    void deleteAll() {
        ReadModelTables.truncate(jdbc, "investigation_hypothesis", "investigation_action", "investigation_escalation",
                "investigation_root_cause", "investigation_factor");
    }
}
