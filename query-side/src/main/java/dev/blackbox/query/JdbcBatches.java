package dev.blackbox.query;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs what a {@link ProcessorBatch} collected as JDBC batches: one round trip per statement, not per row. */
public final class JdbcBatches {

    private JdbcBatches() {
    }

    /** Runs {@code sql} once for each parameter set, in their order; answers how many rows each run changed. */
    public static int[] run(NamedParameterJdbcTemplate jdbc, String sql, List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return jdbc.batchUpdate(sql, rows.toArray(Map[]::new));
    }

    /**
     * Writes every row with {@code update} and inserts, with {@code insert}, those the update found no
     * row for: the replay-safe upsert the repositories run per event, as two batches.
     */
    public static void upsert(NamedParameterJdbcTemplate jdbc, String update, String insert,
                              List<? extends Map<String, ?>> rows) {
        int[] updated = run(jdbc, update, rows);
        List<Map<String, ?>> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == Statement.SUCCESS_NO_INFO) {
                // H2 and PostgreSQL report counts for batched updates; without them rows would go missing.
                throw new IllegalStateException("the JDBC driver did not report which batched updates found a row");
            }
            if (updated[i] == 0) {
                missing.add(rows.get(i));
            }
        }
        run(jdbc, insert, missing);
    }
}
