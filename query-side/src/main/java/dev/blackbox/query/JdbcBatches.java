package dev.blackbox.query;

import dev.blackbox.plumbing.batch.ProcessorBatch;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs what a {@link ProcessorBatch} collected as JDBC batches: one round trip per statement, not per row. */
public final class JdbcBatches {

    /** One of an incident's items, such as a hypothesis or a corrective action, by its id. */
    public record ItemKey(String incidentId, String id) {
    }

    /**
     * A row a batch writes, and whether no row with its key can be stored yet, so that it can be
     * inserted without first looking for one.
     */
    public record Row(Map<String, Object> values, boolean absent) {

        /**
         * The row of the event being handled on this thread, keyed by what only that event writes (its
         * position in the incident, or an item it adds, which an incident's rules add once): absent when
         * a rebuild replays the event, since the rebuild emptied the table and no earlier event of the
         * replay has that key.
         */
        public static Row ofEvent(Map<String, Object> values) {
            return new Row(values, ProcessorBatch.handlingReplayedEvent());
        }
    }

    private static final SqlParameterValue NULL = new SqlParameterValue(Types.NULL, null);

    private JdbcBatches() {
    }

    /**
     * Ids (of incidents, or of items within them) as one array parameter, for {@link #ofIncidents} and
     * {@link #insertAbsent}. An {@code IN (:ids)} list becomes one {@code ?} per id: PostgreSQL's
     * driver refuses a statement with more than 65,535 of them, which aggregate metrics over all
     * incidents reach, and the SQL text changes with the number of ids, so the database parses it
     * anew each time.
     */
    public static String[] ids(Collection<String> ids) {
        return ids.toArray(String[]::new);
    }

    /**
     * A {@code FROM} clause for the rows of {@code table} that belong to the incidents of array
     * parameter {@code :ids} (see {@link #ids}): the array as a table, joined to {@code table} by its
     * {@code incident_id}, which H2 and PostgreSQL look up in the key once per id. With
     * {@code WHERE incident_id = ANY(:ids)} H2 also looks each id up in the key, but then checks every
     * row it found against the whole array again, which costs most when a rebuild's batch touches
     * as many incidents as it has events.
     */
    public static String ofIncidents(String table) {
        return " FROM UNNEST(:ids) AS wanted(wanted_id) JOIN " + table + " ON " + table + ".incident_id = wanted_id";
    }

    /**
     * Runs {@code sql} once for each parameter set, ordered by their {@code incidentId} (those of one
     * incident in their order); answers how many rows each run changed, in the order given. Every
     * read-model table is keyed by incident first, so rows written in that order fill a few pages of
     * each table instead of touching pages all over it, each of which the database then writes again.
     */
    public static int[] run(NamedParameterJdbcTemplate jdbc, String sql, List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        // The keys looked up once, not at each of the sort's comparisons.
        String[] incidents = new String[rows.size()];
        Arrays.setAll(incidents, i -> (String) rows.get(i).get("incidentId"));
        Integer[] order = new Integer[rows.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> incidents[i], Comparator.nullsFirst(Comparator.naturalOrder())));
        int[] counts = jdbc.batchUpdate(sql, Arrays.stream(order).map(i -> new NullsDeclared(rows.get(i)))
                .toArray(SqlParameterSource[]::new));
        int[] given = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            given[order[i]] = counts[i];
        }
        return given;
    }

    /**
     * The row's parameters with every null declared as {@link Types#NULL}. Spring binds a plain null by
     * asking H2's driver for the statement's parameter metadata, per null and per row, which showed in
     * rebuild profiles (docs/benchmarks.md). H2 takes the declared NULL as
     * is; PostgreSQL's driver sends it without a type, which is what Spring sends it for a plain null.
     * Only the value is declared: Spring binds every row of a batch with the types the first row's
     * parameter source declares, so a {@code MapSqlParameterSource}, which declares a type per
     * parameter, would make a later row's value NULL where the first row's was.
     */
    private record NullsDeclared(Map<String, ?> row) implements SqlParameterSource {

        @Override
        public boolean hasValue(String name) {
            return row.containsKey(name);
        }

        @Override
        public Object getValue(String name) {
            // Asked for every parameter of every row: one lookup, and a second only for a null.
            Object value = row.get(name);
            if (value == null && !row.containsKey(name)) {
                throw new IllegalArgumentException("No value for parameter " + name);
            }
            return value == null ? NULL : value;
        }
    }

    /**
     * Inserts, with {@code insert}, the rows known to be absent; writes the others with {@code update}
     * and inserts those it found no row for: the replay-safe upsert the repositories run per event, as
     * a few batches. In a rebuild that update would find nothing for every replayed row, at about the
     * cost of the insert after it.
     */
    public static void upsert(NamedParameterJdbcTemplate jdbc, String update, String insert, Collection<Row> rows) {
        List<Map<String, Object>> inserted = new ArrayList<>();
        List<Map<String, Object>> unsure = new ArrayList<>();
        rows.forEach(row -> (row.absent() ? inserted : unsure).add(row.values()));
        int[] updated = run(jdbc, update, unsure);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == Statement.SUCCESS_NO_INFO) {
                // H2 and PostgreSQL report counts for batched updates; without them rows would go missing.
                throw new IllegalStateException("the JDBC driver did not report which batched updates found a row");
            }
            if (updated[i] == 0) {
                inserted.add(unsure.get(i));
            }
        }
        run(jdbc, insert, inserted);
    }

    /**
     * Inserts, with {@code insert}, the rows whose item has no row in {@code table} yet (keyed by
     * {@code incident_id} and {@code idColumn}), found with one query for all of them: a replayed
     * addition leaves the stored row, and what happened to the item since, alone.
     * <p>
     * Rows known to be absent, such as those of a rebuild's replayed events, are inserted without that
     * query. Beside saving the query, this keeps PostgreSQL from planning it once for the table a
     * rebuild emptied (scanning all of it and hashing) and running that plan for the rest of the
     * rebuild, when every run scans the whole grown table.
     */
    public static void insertAbsent(NamedParameterJdbcTemplate jdbc, String table, String idColumn, String insert,
                                    Map<ItemKey, Row> additions) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<ItemKey, Map<String, Object>> unsure = new LinkedHashMap<>();
        additions.forEach((key, addition) -> {
            if (addition.absent()) {
                rows.add(addition.values());
            } else {
                unsure.put(key, addition.values());
            }
        });
        if (!unsure.isEmpty()) {
            // The keys as two arrays of the same length, joined to the table pairwise (see ofIncidents);
            // both are built from one list so that their positions pair up.
            List<ItemKey> keys = List.copyOf(unsure.keySet());
            Set<ItemKey> stored = new HashSet<>();
            JdbcClient.create(jdbc)
                    .sql("SELECT incident_id, " + idColumn
                            + " FROM UNNEST(:incidents, :ids) AS wanted(wanted_incident, wanted_id) JOIN " + table
                            + " ON " + table + ".incident_id = wanted_incident"
                            + " AND " + table + "." + idColumn + " = wanted_id")
                    .param("incidents", ids(keys.stream().map(ItemKey::incidentId).toList()))
                    .param("ids", ids(keys.stream().map(ItemKey::id).toList()))
                    .query((RowCallbackHandler) rs -> stored.add(new ItemKey(rs.getString(1), rs.getString(2))));
            unsure.forEach((key, row) -> {
                if (!stored.contains(key)) {
                    rows.add(row);
                }
            });
        }
        run(jdbc, insert, rows);
    }
}
