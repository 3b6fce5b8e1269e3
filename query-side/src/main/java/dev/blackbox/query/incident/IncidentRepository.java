package dev.blackbox.query.incident;

import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.Severity;
import dev.blackbox.plumbing.batch.BatchRows;
import dev.blackbox.plumbing.batch.ProcessorBatch;
import dev.blackbox.query.IncidentRows;
import dev.blackbox.query.JdbcBatches;
import dev.blackbox.query.ReadModelTables;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.toSql;

/** The incident-summary tables. */
@Component
public class IncidentRepository {

    private static final String COLUMNS = """
            incident_id, title, description, status, severity, severity_changed_at, detected_at,
            detected_by, recorded_by, impact_started_at, user_impact_percent, impact_description,
            impact_assessed_at, drill, acknowledged_at, acknowledged_by, mitigated_at, mitigation,
            resolved_at, resolution, reopen_count, root_cause_summary, root_cause_category,
            root_cause_at, escalation_count, hypothesis_count, ruled_out_count, action_count,
            corrective_action_count, last_event_at, last_sequence""";

    private static final String INSERT = "INSERT INTO incident_summary (" + COLUMNS + ") VALUES ("
            + ":incidentId, :title, :description, :status, :severity, :severityChangedAt, :detectedAt,"
            + " :detectedBy, :recordedBy, :impactStartedAt, :userImpactPercent, :impactDescription,"
            + " :impactAssessedAt, :drill, :acknowledgedAt, :acknowledgedBy, :mitigatedAt, :mitigation,"
            + " :resolvedAt, :resolution, :reopenCount, :rootCauseSummary, :rootCauseCategory,"
            + " :rootCauseAt, :escalationCount, :hypothesisCount, :ruledOutCount, :actionCount,"
            + " :correctiveActionCount, :lastEventAt, :lastSequence)";

    private static final String UPDATE = """
            UPDATE incident_summary SET title = :title, description = :description, status = :status,
              severity = :severity, severity_changed_at = :severityChangedAt, detected_at = :detectedAt,
              detected_by = :detectedBy, recorded_by = :recordedBy, impact_started_at = :impactStartedAt,
              user_impact_percent = :userImpactPercent, impact_description = :impactDescription,
              impact_assessed_at = :impactAssessedAt, drill = :drill, acknowledged_at = :acknowledgedAt,
              acknowledged_by = :acknowledgedBy, mitigated_at = :mitigatedAt, mitigation = :mitigation,
              resolved_at = :resolvedAt, resolution = :resolution, reopen_count = :reopenCount,
              root_cause_summary = :rootCauseSummary, root_cause_category = :rootCauseCategory,
              root_cause_at = :rootCauseAt, escalation_count = :escalationCount,
              hypothesis_count = :hypothesisCount, ruled_out_count = :ruledOutCount,
              action_count = :actionCount, corrective_action_count = :correctiveActionCount,
              last_event_at = :lastEventAt, last_sequence = :lastSequence
            WHERE incident_id = :incidentId""";

    private final JdbcClient jdbc;
    private final IncidentRows<IncidentRow> table;
    private final NamedParameterJdbcTemplate template;
    private final ProcessorBatch<BatchRows<IncidentRow>> batch = new ProcessorBatch<>(BatchRows::new, this::write);

    public IncidentRepository(NamedParameterJdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
        this.table = new IncidentRows<>(jdbc, "incident_summary", COLUMNS, IncidentRepository::mapRow);
        this.template = template;
    }

    /**
     * The row without its services (events other than detection and impact leave those alone). In a
     * processor's batch, the same object for every event of the batch, with their changes so far.
     */
    Optional<IncidentRow> find(String incidentId) {
        return batch.current()
                .map(rows -> rows.find(incidentId, table::selectAll, table::select))
                .orElseGet(() -> table.select(incidentId));
    }

    /** The incident as a view, for the postmortem and other read models' queries. */
    public Optional<IncidentView> findView(String incidentId) {
        return table.select(incidentId).map(row -> {
            row.services = servicesOf(List.of(incidentId)).getOrDefault(incidentId, List.of());
            return row.toView();
        });
    }

    void insert(IncidentRow row) {
        row.keepInstantsAsStored();
        batch.apply(rows -> rows.insert(row.incidentId, row));
    }

    void update(IncidentRow row) {
        row.keepInstantsAsStored();
        batch.apply(rows -> rows.update(row.incidentId, row));
    }

    /** New rows with their services; changed rows, and their services where an event replaced them. */
    private void write(BatchRows<IncidentRow> rows) {
        JdbcBatches.run(template, INSERT, rows.inserted().values().stream().map(IncidentRepository::parameters).toList());
        JdbcBatches.run(template, UPDATE, rows.updated().values().stream().map(IncidentRepository::parameters).toList());
        List<IncidentRow> servicesChanged = rows.updated().values().stream()
                .filter(row -> row.servicesChanged)
                .toList();
        List<IncidentRow> servicesReplaced = Stream.concat(rows.inserted().values().stream(),
                servicesChanged.stream()).toList();
        // A new row has no services stored yet: they are only ever written with their row, in its transaction.
        JdbcBatches.run(template, "DELETE FROM incident_service WHERE incident_id = :incidentId",
                servicesChanged.stream().map(row -> Map.of("incidentId", row.incidentId)).toList());
        List<Map<String, Object>> services = new ArrayList<>();
        for (IncidentRow row : servicesReplaced) {
            List<String> distinct = row.services.stream().distinct().toList();
            for (int i = 0; i < distinct.size(); i++) {
                services.add(Map.of("incidentId", row.incidentId, "service", distinct.get(i), "ordinal", i));
            }
        }
        JdbcBatches.run(template,
                "INSERT INTO incident_service (incident_id, service, ordinal) VALUES (:incidentId, :service, :ordinal)", services);
    }

    IncidentListView search(FindIncidents query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!query.statuses().isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (!query.severities().isEmpty()) {
            where.append(" AND severity IN (:severities)");
            params.put("severities", query.severities().stream().map(Enum::name).toList());
        }
        if (query.service() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM incident_service s"
                    + " WHERE s.incident_id = incident_summary.incident_id AND s.service = :service)");
            params.put("service", query.service());
        }
        if (query.from() != null) {
            where.append(" AND detected_at >= :from");
            params.put("from", toSql(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND detected_at < :to");
            params.put("to", toSql(query.to()));
        }
        if (query.drill() != null) {
            where.append(" AND drill = :drill");
            params.put("drill", query.drill());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM incident_summary" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<IncidentRow> rows = jdbc.sql("SELECT " + COLUMNS + " FROM incident_summary" + where
                        + " ORDER BY detected_at DESC, incident_id LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(IncidentRepository::mapRow)
                .list();
        if (!rows.isEmpty()) {
            Map<String, List<String>> services = servicesOf(rows.stream().map(r -> r.incidentId).toList());
            rows.forEach(r -> r.services = services.getOrDefault(r.incidentId, List.of()));
        }
        return new IncidentListView(rows.stream().map(IncidentRow::toView).toList(), total);
    }

    private Map<String, List<String>> servicesOf(List<String> incidentIds) {
        Map<String, List<String>> services = new LinkedHashMap<>();
        jdbc.sql("SELECT incident_id, service" + JdbcBatches.ofIncidents("incident_service")
                        + " ORDER BY incident_id, ordinal")
                .param("ids", JdbcBatches.ids(incidentIds))
                .query((RowCallbackHandler) rs -> {
                    services.computeIfAbsent(rs.getString("incident_id"), id -> new ArrayList<>())
                            .add(rs.getString("service"));
                });
        return services;
    }

    void deleteAll() {
        ReadModelTables.truncate(jdbc, "incident_service", "incident_summary");
    }

    private static Map<String, Object> parameters(IncidentRow row) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("incidentId", row.incidentId);
        p.put("title", row.title);
        p.put("description", row.description);
        p.put("status", row.status.name());
        p.put("severity", row.severity.name());
        p.put("severityChangedAt", toSql(row.severityChangedAt));
        p.put("detectedAt", toSql(row.detectedAt));
        p.put("detectedBy", row.detectedBy);
        p.put("recordedBy", row.recordedBy);
        p.put("impactStartedAt", toSql(row.impactStartedAt));
        p.put("userImpactPercent", row.userImpactPercent);
        p.put("impactDescription", row.impactDescription);
        p.put("impactAssessedAt", toSql(row.impactAssessedAt));
        p.put("drill", row.drill);
        p.put("acknowledgedAt", toSql(row.acknowledgedAt));
        p.put("acknowledgedBy", row.acknowledgedBy);
        p.put("mitigatedAt", toSql(row.mitigatedAt));
        p.put("mitigation", row.mitigation);
        p.put("resolvedAt", toSql(row.resolvedAt));
        p.put("resolution", row.resolution);
        p.put("reopenCount", row.reopenCount);
        p.put("rootCauseSummary", row.rootCauseSummary);
        p.put("rootCauseCategory", row.rootCauseCategory == null ? null : row.rootCauseCategory.name());
        p.put("rootCauseAt", toSql(row.rootCauseAt));
        p.put("escalationCount", row.escalationCount);
        p.put("hypothesisCount", row.hypothesisCount);
        p.put("ruledOutCount", row.ruledOutCount);
        p.put("actionCount", row.actionCount);
        p.put("correctiveActionCount", row.correctiveActionCount);
        p.put("lastEventAt", toSql(row.lastEventAt));
        p.put("lastSequence", row.lastSequence);
        return p;
    }

    private static IncidentRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        IncidentRow row = new IncidentRow();
        row.incidentId = rs.getString("incident_id");
        row.title = rs.getString("title");
        row.description = rs.getString("description");
        row.status = IncidentStatus.valueOf(rs.getString("status"));
        row.severity = Severity.valueOf(rs.getString("severity"));
        row.severityChangedAt = instant(rs, "severity_changed_at");
        row.detectedAt = instant(rs, "detected_at");
        row.detectedBy = rs.getString("detected_by");
        row.recordedBy = rs.getString("recorded_by");
        row.impactStartedAt = instant(rs, "impact_started_at");
        row.userImpactPercent = rs.getObject("user_impact_percent", Integer.class);
        row.impactDescription = rs.getString("impact_description");
        row.impactAssessedAt = instant(rs, "impact_assessed_at");
        row.drill = rs.getBoolean("drill");
        row.acknowledgedAt = instant(rs, "acknowledged_at");
        row.acknowledgedBy = rs.getString("acknowledged_by");
        row.mitigatedAt = instant(rs, "mitigated_at");
        row.mitigation = rs.getString("mitigation");
        row.resolvedAt = instant(rs, "resolved_at");
        row.resolution = rs.getString("resolution");
        row.reopenCount = rs.getInt("reopen_count");
        row.rootCauseSummary = rs.getString("root_cause_summary");
        String category = rs.getString("root_cause_category");
        row.rootCauseCategory = category == null ? null : RootCauseCategory.valueOf(category);
        row.rootCauseAt = instant(rs, "root_cause_at");
        row.escalationCount = rs.getInt("escalation_count");
        row.hypothesisCount = rs.getInt("hypothesis_count");
        row.ruledOutCount = rs.getInt("ruled_out_count");
        row.actionCount = rs.getInt("action_count");
        row.correctiveActionCount = rs.getInt("corrective_action_count");
        row.lastEventAt = instant(rs, "last_event_at");
        row.lastSequence = rs.getLong("last_sequence");
        return row;
    }
}
