package dev.blackbox.query.metrics;

import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.Severity;
import dev.blackbox.plumbing.batch.BatchRows;
import dev.blackbox.plumbing.batch.ProcessorBatch;
import dev.blackbox.query.IncidentRows;
import dev.blackbox.query.JdbcBatches;
import dev.blackbox.query.JdbcBatches.ItemKey;
import dev.blackbox.query.ReadModelTables;
import dev.blackbox.query.StoredFacts;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.blackbox.query.SqlTimes.asStored;
import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.toSql;

/** The incident-metrics tables. The computed time_to_* columns let SQL average them for the meters. */
@Component
public class MetricsRepository {

    private static final String COLUMNS = """
            incident_id, drill, severity, severity_changed_at, root_cause_category, detected_at,
            impact_started_at, impact_assessed_at, first_acknowledged_at, first_mitigated_at, resolved_at,
            root_cause_at, escalation_count, hypothesis_count, ruled_out_count, misleading_seconds, last_sequence""";

    private static final String INSERT = "INSERT INTO incident_metrics (" + COLUMNS + ", time_to_detect,"
            + " time_to_acknowledge, time_to_mitigate, time_to_resolve, time_to_root_cause) VALUES (:incidentId,"
            + " :drill, :severity, :severityChangedAt, :rootCauseCategory, :detectedAt, :impactStartedAt,"
            + " :impactAssessedAt, :firstAcknowledgedAt, :firstMitigatedAt, :resolvedAt, :rootCauseAt,"
            + " :escalationCount, :hypothesisCount, :ruledOutCount, :misleadingSeconds, :lastSequence,"
            + " :timeToDetect, :timeToAcknowledge, :timeToMitigate, :timeToResolve, :timeToRootCause)";

    private static final String UPDATE = """
            UPDATE incident_metrics SET drill = :drill, severity = :severity,
              severity_changed_at = :severityChangedAt, root_cause_category = :rootCauseCategory,
              detected_at = :detectedAt, impact_started_at = :impactStartedAt,
              impact_assessed_at = :impactAssessedAt,
              first_acknowledged_at = :firstAcknowledgedAt, first_mitigated_at = :firstMitigatedAt,
              resolved_at = :resolvedAt, root_cause_at = :rootCauseAt,
              escalation_count = :escalationCount, hypothesis_count = :hypothesisCount,
              ruled_out_count = :ruledOutCount, misleading_seconds = :misleadingSeconds,
              last_sequence = :lastSequence, time_to_detect = :timeToDetect,
              time_to_acknowledge = :timeToAcknowledge, time_to_mitigate = :timeToMitigate,
              time_to_resolve = :timeToResolve, time_to_root_cause = :timeToRootCause
            WHERE incident_id = :incidentId""";

    /** What a batch wrote. */
    private static final class Writes {
        final BatchRows<MetricsRow> rows = new BatchRows<>();
        /** When each hypothesis recorded in the batch was recorded, as stored. */
        final Map<ItemKey, Instant> recorded = new LinkedHashMap<>();
        final Map<ItemKey, RootCauseCategory> factors = new LinkedHashMap<>();
        final List<ItemKey> withdrawn = new ArrayList<>();
    }

    private final JdbcClient jdbc;
    private final IncidentRows<MetricsRow> table;
    private final NamedParameterJdbcTemplate template;
    private final ProcessorBatch<Writes> batch = new ProcessorBatch<>(Writes::new, this::write);
    /** When hypotheses were recorded, for their verdicts: an incident records a hypothesis once. */
    private final StoredFacts<ItemKey, Instant> recordedAt = new StoredFacts<>();

    public MetricsRepository(NamedParameterJdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
        this.table = new IncidentRows<>(jdbc, "incident_metrics", COLUMNS, MetricsRepository::mapRow);
        this.template = template;
    }

    /** In a processor's batch, the same object for every event of the batch, with their changes so far. */
    Optional<MetricsRow> find(String incidentId) {
        return batch.current()
                .map(writes -> writes.rows.find(incidentId, table::selectAll, table::select))
                .orElseGet(() -> table.select(incidentId));
    }

    /** One incident's metrics, for the postmortem. */
    public Optional<IncidentMetricsView> findView(String incidentId) {
        return table.select(incidentId).map(MetricsRow::toView);
    }

    void insert(MetricsRow row) {
        row.keepInstantsAsStored();
        batch.apply(writes -> writes.rows.insert(row.incidentId, row));
    }

    void update(MetricsRow row) {
        row.keepInstantsAsStored();
        batch.apply(writes -> writes.rows.update(row.incidentId, row));
    }

    void recordHypothesis(String incidentId, String hypothesisId, Instant recordedAt) {
        ItemKey key = new ItemKey(incidentId, hypothesisId);
        Instant stored = asStored(recordedAt);
        batch.apply(writes -> writes.recorded.put(key, stored));
        this.recordedAt.stored(key, stored);
    }

    void identifyFactor(String incidentId, String factorId, RootCauseCategory category) {
        batch.apply(writes -> writes.factors.put(new ItemKey(incidentId, factorId), category));
    }

    void withdrawFactor(String incidentId, String factorId) {
        ItemKey key = new ItemKey(incidentId, factorId);
        batch.apply(writes -> {
            writes.factors.remove(key);
            writes.withdrawn.add(key);
        });
    }

    /**
     * The seconds a hypothesis ruled out at {@code ruledOutAt} misled: from its recording to that
     * verdict, 0 for one never recorded. The projection adds them to the incident's sum once per
     * verdict, instead of summing every hypothesis of the incident again; at one ruled out per ten
     * events, that read all the hypotheses of a 100,000-event incident again for every batch of its
     * events that ruled one out.
     */
    long secondsMisledBy(String incidentId, String hypothesisId, Instant ruledOutAt) {
        ItemKey key = new ItemKey(incidentId, hypothesisId);
        return batch.current()
                .map(writes -> writes.recorded.get(key))
                .or(() -> recordedAt.find(key, this::selectRecordedAt))
                .map(recordedAt -> Duration.between(recordedAt, asStored(ruledOutAt)).toSeconds())
                .orElse(0L);
    }

    private Optional<Instant> selectRecordedAt(ItemKey key) {
        return jdbc.sql("SELECT recorded_at FROM incident_metrics_hypothesis"
                        + " WHERE incident_id = :incidentId AND hypothesis_id = :hypothesisId")
                .param("incidentId", key.incidentId())
                .param("hypothesisId", key.id())
                .query((rs, n) -> instant(rs, "recorded_at"))
                .optional();
    }

    private void write(Writes writes) {
        JdbcBatches.run(template, INSERT, writes.rows.inserted().values().stream().map(MetricsRepository::parameters).toList());
        JdbcBatches.run(template, UPDATE, writes.rows.updated().values().stream().map(MetricsRepository::parameters).toList());
        List<MetricsRow> servicesChanged = writes.rows.updated().values().stream()
                .filter(row -> row.servicesChanged)
                .toList();
        List<MetricsRow> servicesReplaced = Stream.concat(writes.rows.inserted().values().stream(),
                servicesChanged.stream()).toList();
        // A new row has no services stored yet: they are only ever written with their row, in its transaction.
        JdbcBatches.run(template, "DELETE FROM incident_metrics_service WHERE incident_id = :incidentId",
                servicesChanged.stream().map(row -> Map.of("incidentId", row.incidentId)).toList());
        JdbcBatches.run(template, "INSERT INTO incident_metrics_service (incident_id, service) VALUES (:incidentId, :service)",
                servicesReplaced.stream()
                        .flatMap(row -> row.services.stream().distinct()
                                .map(service -> Map.of("incidentId", row.incidentId, "service", service)))
                        .toList());
        JdbcBatches.run(template, "INSERT INTO incident_metrics_hypothesis (incident_id, hypothesis_id, recorded_at)"
                        + " VALUES (:incidentId, :hypothesisId, :recordedAt)",
                writes.recorded.entrySet().stream().map(r -> Map.of("incidentId", r.getKey().incidentId(),
                        "hypothesisId", r.getKey().id(), "recordedAt", toSql(r.getValue()))).toList());
        JdbcBatches.run(template, "INSERT INTO incident_metrics_factor (incident_id, factor_id, category)"
                        + " VALUES (:incidentId, :factorId, :category)",
                writes.factors.entrySet().stream().map(f -> Map.of("incidentId", f.getKey().incidentId(),
                        "factorId", f.getKey().id(), "category", f.getValue().name())).toList());
        JdbcBatches.run(template, "DELETE FROM incident_metrics_factor"
                        + " WHERE incident_id = :incidentId AND factor_id = :factorId",
                writes.withdrawn.stream().map(key -> Map.of("incidentId", key.incidentId(), "factorId", key.id()))
                        .toList());
    }

    /**
     * Incidents other than drills detected in [from, to), a null bound being open, with their services
     * and the categories of their standing contributing factors.
     */
    List<MetricsRow> window(Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incident_metrics WHERE drill = FALSE");
        Map<String, Object> params = new HashMap<>();
        if (from != null) {
            sql.append(" AND detected_at >= :from");
            params.put("from", toSql(from));
        }
        if (to != null) {
            sql.append(" AND detected_at < :to");
            params.put("to", toSql(to));
        }
        Map<String, MetricsRow> rows = new LinkedHashMap<>();
        jdbc.sql(sql.append(" ORDER BY detected_at, incident_id").toString())
                .params(params)
                .query(MetricsRepository::mapRow)
                .list()
                .forEach(row -> rows.put(row.incidentId, row));
        if (!rows.isEmpty()) {
            jdbc.sql("SELECT incident_id, service" + JdbcBatches.ofIncidents("incident_metrics_service")
                            + " ORDER BY incident_id, service")
                    .param("ids", JdbcBatches.ids(rows.keySet()))
                    .query((RowCallbackHandler) rs -> rows.get(rs.getString("incident_id")).services
                            .add(rs.getString("service")));
            jdbc.sql("SELECT incident_id, category" + JdbcBatches.ofIncidents("incident_metrics_factor"))
                    .param("ids", JdbcBatches.ids(rows.keySet()))
                    .query((RowCallbackHandler) rs -> rows.get(rs.getString("incident_id")).factorCategories
                            .add(rs.getString("category")));
        }
        return new ArrayList<>(rows.values());
    }

    /** Incidents other than drills that are not resolved, by their current severity. */
    long countOpen(Severity severity) {
        return jdbc.sql("SELECT COUNT(*) FROM incident_metrics"
                        + " WHERE drill = FALSE AND resolved_at IS NULL AND severity = :severity")
                .param("severity", severity.name())
                .query(Long.class)
                .single();
    }

    /** Mean of a computed time_to_* column over incidents other than drills; NaN when none has it. */
    double mean(String column) {
        return jdbc.sql("SELECT COUNT(" + column + ") AS samples, SUM(" + column + ") AS total"
                        + " FROM incident_metrics WHERE drill = FALSE")
                .query((rs, rowNum) -> {
                    long samples = rs.getLong("samples");
                    return samples == 0 ? Double.NaN : rs.getLong("total") / (double) samples;
                })
                .single();
    }

    void deleteAll() {
        ReadModelTables.truncate(jdbc, "incident_metrics_factor", "incident_metrics_hypothesis", "incident_metrics_service", "incident_metrics");
        recordedAt.forgetAll();
    }

    private static Map<String, Object> parameters(MetricsRow row) {
        Map<String, Object> p = new HashMap<>();
        p.put("incidentId", row.incidentId);
        p.put("drill", row.drill);
        p.put("severity", row.severity.name());
        p.put("severityChangedAt", toSql(row.severityChangedAt));
        p.put("rootCauseCategory", row.rootCauseCategory == null ? null : row.rootCauseCategory.name());
        p.put("detectedAt", toSql(row.detectedAt));
        p.put("impactStartedAt", toSql(row.impactStartedAt));
        p.put("impactAssessedAt", toSql(row.impactAssessedAt));
        p.put("firstAcknowledgedAt", toSql(row.firstAcknowledgedAt));
        p.put("firstMitigatedAt", toSql(row.firstMitigatedAt));
        p.put("resolvedAt", toSql(row.resolvedAt));
        p.put("rootCauseAt", toSql(row.rootCauseAt));
        p.put("escalationCount", row.escalationCount);
        p.put("hypothesisCount", row.hypothesisCount);
        p.put("ruledOutCount", row.ruledOutCount);
        p.put("misleadingSeconds", row.misleadingSeconds);
        p.put("lastSequence", row.lastSequence);
        p.put("timeToDetect", row.timeToDetect());
        p.put("timeToAcknowledge", row.timeToAcknowledge());
        p.put("timeToMitigate", row.timeToMitigate());
        p.put("timeToResolve", row.timeToResolve());
        p.put("timeToRootCause", row.timeToRootCause());
        return p;
    }

    private static MetricsRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        MetricsRow row = new MetricsRow();
        row.incidentId = rs.getString("incident_id");
        row.drill = rs.getBoolean("drill");
        row.severity = Severity.valueOf(rs.getString("severity"));
        row.severityChangedAt = instant(rs, "severity_changed_at");
        String category = rs.getString("root_cause_category");
        row.rootCauseCategory = category == null ? null : RootCauseCategory.valueOf(category);
        row.detectedAt = instant(rs, "detected_at");
        row.impactStartedAt = instant(rs, "impact_started_at");
        row.impactAssessedAt = instant(rs, "impact_assessed_at");
        row.firstAcknowledgedAt = instant(rs, "first_acknowledged_at");
        row.firstMitigatedAt = instant(rs, "first_mitigated_at");
        row.resolvedAt = instant(rs, "resolved_at");
        row.rootCauseAt = instant(rs, "root_cause_at");
        row.escalationCount = rs.getInt("escalation_count");
        row.hypothesisCount = rs.getInt("hypothesis_count");
        row.ruledOutCount = rs.getInt("ruled_out_count");
        row.misleadingSeconds = rs.getLong("misleading_seconds");
        row.lastSequence = rs.getLong("last_sequence");
        return row;
    }
}
