package dev.blackbox.query.subscriptions;

import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.toSql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The subscription tables. Every write that a worker makes is conditional on its lease and generation. */
final class SubscriptionRepository {

    private static final String COLUMNS = """
            subscription_id, url, secret, filter_json, body_format, created_at, token_data, token_type, position,
            generation, caught_up_at, delivered_count, last_delivery_at, last_error, last_error_at, failing_since,
            paused_at, lease_owner, lease_until""";

    /** A delivery a receiver refused for good. */
    record Parked(String webhookId, String incidentId, long sequence, long position, String body, String reason,
            Instant parkedAt, boolean retryRequested) {
    }

    /** Where a worker got to: its token as stored, the token's position, and whether it is at the head. */
    record Progress(byte[] tokenData, String tokenType, long position, Instant caughtUpAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    SubscriptionRepository(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    void insert(SubscriptionRow row) {
        jdbc.sql("INSERT INTO subscription (" + COLUMNS + ") VALUES (:id, :url, :secret, :filter, :format, :createdAt,"
                        + " :tokenData, :tokenType, :position, 0, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")
                .param("id", row.id()).param("url", row.url()).param("secret", row.secret())
                .param("filter", write(row.filter())).param("format", row.format().name())
                .param("createdAt", toSql(row.createdAt())).param("tokenData", row.tokenData())
                .param("tokenType", row.tokenType()).param("position", row.position())
                .update();
    }

    Optional<SubscriptionRow> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE subscription_id = :id").param("id", id)
                .query(this::row).optional();
    }

    List<SubscriptionRow> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription ORDER BY created_at, subscription_id")
                .query(this::row).list();
    }

    boolean delete(String id) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            jdbc.sql("DELETE FROM subscription_parked WHERE subscription_id = :id").param("id", id).update();
            return jdbc.sql("DELETE FROM subscription WHERE subscription_id = :id").param("id", id).update() == 1;
        }));
    }

    /** Takes the lease when it is free, expired or already this owner's; one statement, so two processes cannot both win. */
    boolean lease(String id, String owner, Instant now, Instant until) {
        return jdbc.sql("""
                        UPDATE subscription SET lease_owner = :owner, lease_until = :until
                        WHERE subscription_id = :id AND paused_at IS NULL
                          AND (lease_owner IS NULL OR lease_owner = :owner OR lease_until < :now)""")
                .param("owner", owner).param("until", toSql(until)).param("now", toSql(now)).param("id", id)
                .update() == 1;
    }

    void release(String id, String owner) {
        jdbc.sql("UPDATE subscription SET lease_owner = NULL, lease_until = NULL"
                        + " WHERE subscription_id = :id AND lease_owner = :owner")
                .param("id", id).param("owner", owner).update();
    }

    /** Saves a worker's progress unless a replay started a new generation or the lease went elsewhere. */
    boolean progress(String id, String owner, long generation, Progress progress, long delivered,
            Instant lastDeliveryAt) {
        return jdbc.sql("""
                        UPDATE subscription SET token_data = :tokenData, token_type = :tokenType, position = :position,
                          caught_up_at = :caughtUpAt, delivered_count = delivered_count + :delivered,
                          last_delivery_at = COALESCE(CAST(:lastDeliveryAt AS TIMESTAMP WITH TIME ZONE), last_delivery_at)
                        WHERE subscription_id = :id AND lease_owner = :owner AND generation = :generation""")
                .param("tokenData", progress.tokenData()).param("tokenType", progress.tokenType())
                .param("position", progress.position()).param("caughtUpAt", toSql(progress.caughtUpAt()))
                .param("delivered", delivered).param("lastDeliveryAt", toSql(lastDeliveryAt)).param("id", id).param("owner", owner).param("generation", generation)
                .update() == 1;
    }

    /** Starts a new generation at {@code progress}: the worker reads the subscription again from there. */
    boolean restart(String id, Progress progress) {
        return jdbc.sql("""
                        UPDATE subscription SET token_data = :tokenData, token_type = :tokenType, position = :position,
                          caught_up_at = NULL, generation = generation + 1
                        WHERE subscription_id = :id""")
                .param("tokenData", progress.tokenData()).param("tokenType", progress.tokenType())
                .param("position", progress.position()).param("id", id)
                .update() == 1;
    }

    void delivered(String id, Instant at) {
        jdbc.sql("UPDATE subscription SET last_delivery_at = :at, failing_since = NULL WHERE subscription_id = :id")
                .param("at", toSql(at)).param("id", id).update();
    }

    /** Notes a failed attempt; the answer is when the failures began. */
    Instant failed(String id, String error, Instant at) {
        jdbc.sql("""
                        UPDATE subscription SET last_error = :error, last_error_at = :at,
                          failing_since = COALESCE(failing_since, :at)
                        WHERE subscription_id = :id""")
                .param("error", error).param("at", toSql(at)).param("id", id).update();
        return jdbc.sql("SELECT failing_since FROM subscription WHERE subscription_id = :id").param("id", id)
                .query((rs, n) -> instant(rs, "failing_since")).optional().orElse(at);
    }

    void pause(String id, Instant at) {
        jdbc.sql("UPDATE subscription SET paused_at = :at, lease_owner = NULL, lease_until = NULL"
                        + " WHERE subscription_id = :id")
                .param("at", toSql(at)).param("id", id).update();
    }

    boolean resume(String id) {
        return jdbc.sql("UPDATE subscription SET paused_at = NULL, failing_since = NULL WHERE subscription_id = :id")
                .param("id", id).update() == 1;
    }

    void park(String id, Parked parked) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM subscription_parked WHERE subscription_id = :id AND webhook_id = :webhookId")
                    .param("id", id).param("webhookId", parked.webhookId()).update();
            jdbc.sql("""
                            INSERT INTO subscription_parked (subscription_id, webhook_id, incident_id, seq_no, position,
                              body, reason, parked_at, retry_requested)
                            VALUES (:id, :webhookId, :incidentId, :sequence, :position, :body, :reason, :parkedAt, FALSE)""")
                    .param("id", id).param("webhookId", parked.webhookId()).param("incidentId", parked.incidentId())
                    .param("sequence", parked.sequence()).param("position", parked.position())
                    .param("body", parked.body()).param("reason", parked.reason())
                    .param("parkedAt", toSql(parked.parkedAt())).update();
            jdbc.sql("UPDATE subscription SET last_error = :reason, last_error_at = :at WHERE subscription_id = :id")
                    .param("reason", "parked " + parked.webhookId() + ": " + parked.reason())
                    .param("at", toSql(parked.parkedAt())).param("id", id).update();
        });
    }

    List<Parked> parked(String id) {
        return jdbc.sql("""
                        SELECT webhook_id, incident_id, seq_no, position, body, reason, parked_at, retry_requested
                        FROM subscription_parked WHERE subscription_id = :id ORDER BY position, webhook_id""")
                .param("id", id)
                .query((rs, n) -> new Parked(rs.getString("webhook_id"), rs.getString("incident_id"),
                        rs.getLong("seq_no"), rs.getLong("position"), rs.getString("body"), rs.getString("reason"),
                        instant(rs, "parked_at"), rs.getBoolean("retry_requested")))
                .list();
    }

    int requestRetryOfParked(String id) {
        return jdbc.sql("UPDATE subscription_parked SET retry_requested = TRUE WHERE subscription_id = :id")
                .param("id", id).update();
    }

    void unpark(String id, String webhookId) {
        jdbc.sql("DELETE FROM subscription_parked WHERE subscription_id = :id AND webhook_id = :webhookId")
                .param("id", id).param("webhookId", webhookId).update();
    }

    private SubscriptionRow row(ResultSet rs, int rowNum) throws SQLException {
        return new SubscriptionRow(rs.getString("subscription_id"), rs.getString("url"), rs.getString("secret"),
                read(rs.getString("filter_json")), SubscriptionFormat.valueOf(rs.getString("body_format")),
                instant(rs, "created_at"), rs.getBytes("token_data"), rs.getString("token_type"),
                rs.getLong("position"), rs.getLong("generation"), instant(rs, "caught_up_at"),
                rs.getLong("delivered_count"), instant(rs, "last_delivery_at"), rs.getString("last_error"),
                instant(rs, "last_error_at"), instant(rs, "failing_since"), instant(rs, "paused_at"),
                rs.getString("lease_owner"), instant(rs, "lease_until"));
    }

    private String write(SubscriptionFilter filter) {
        try {
            return json.writeValueAsString(filter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a filter always writes as JSON", e);
        }
    }

    private SubscriptionFilter read(String filter) {
        try {
            return json.readValue(filter, SubscriptionFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored filter no longer reads: " + filter, e);
        }
    }
}
