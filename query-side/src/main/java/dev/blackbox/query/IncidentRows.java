package dev.blackbox.query;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a one-row-per-incident table: one incident's row, or the rows of a processor batch's incidents
 * in one query. The columns read include {@code incident_id}.
 *
 * @param <R> the table's row
 */
public final class IncidentRows<R> {

    private final JdbcClient jdbc;
    private final String table;
    private final String columns;
    private final RowMapper<R> mapper;

    public IncidentRows(JdbcClient jdbc, String table, String columns, RowMapper<R> mapper) {
        this.jdbc = jdbc;
        this.table = table;
        this.columns = columns;
        this.mapper = mapper;
    }

    public Optional<R> select(String incidentId) {
        return jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE incident_id = :id")
                .param("id", incidentId)
                .query(mapper)
                .optional();
    }

    /** The rows of the incidents that have one, by incident id. */
    public Map<String, R> selectAll(Collection<String> incidentIds) {
        Map<String, R> rows = new HashMap<>();
        jdbc.sql("SELECT " + columns + JdbcBatches.ofIncidents(table))
                .param("ids", JdbcBatches.ids(incidentIds))
                .query((RowCallbackHandler) rs -> rows.put(rs.getString("incident_id"), mapper.mapRow(rs, rows.size())));
        return rows;
    }
}
