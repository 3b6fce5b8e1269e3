package dev.blackbox.query.timeline;

import dev.blackbox.plumbing.batch.ProcessorBatch;
import dev.blackbox.query.JdbcBatches;
import dev.blackbox.query.ReadModelTables;
import dev.blackbox.query.StoredFacts;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import static dev.blackbox.query.SqlTimes.instant;
import static dev.blackbox.query.SqlTimes.toSql;

/** The timeline table. */
@Component
public class TimelineRepository {

    private static final String UPDATE = """
            UPDATE timeline_entry SET occurred_at = :occurredAt, kind = :kind, actor = :actor,
              entry_text = :text, subject = :subject, hypothesis_id = :hypothesisId,
              action_id = :actionId, corrective_action_id = :correctiveActionId
            WHERE incident_id = :incidentId AND seq_no = :sequence""";

    private static final String ENTRY_COLUMNS =
            "seq_no, occurred_at, kind, actor, entry_text, hypothesis_id, action_id, corrective_action_id";

    private static final String INSERT = """
            INSERT INTO timeline_entry (incident_id, seq_no, occurred_at, kind, actor, entry_text,
              subject, hypothesis_id, action_id, corrective_action_id)
            VALUES (:incidentId, :sequence, :occurredAt, :kind, :actor, :text,
              :subject, :hypothesisId, :actionId, :correctiveActionId)""";

    /** What a later entry names an earlier one by: the hypothesis or the corrective action both are about. */
    enum Link {
        HYPOTHESIS("hypothesis_id", TimelineEntryView::hypothesisId),
        CORRECTIVE_ACTION("corrective_action_id", TimelineEntryView::correctiveActionId);

        private final String column;
        private final Function<TimelineEntryView, String> id;

        Link(String column, Function<TimelineEntryView, String> id) {
            this.column = column;
            this.id = id;
        }
    }

    /** An entry to write, and its row. */
    private record Saved(TimelineEntryView entry, String subject, JdbcBatches.Row row) {
    }

    /** What a later entry looks a subject up by: its incident, the kind of entry that named it, and the id. */
    private record SubjectKey(String incidentId, TimelineEntryKind kind, Link link, String id) {
    }

    /**
     * A batch's entries by incident and sequence number; a second put at the same position replaces the
     * first, as in the table. With the subjects among them by key, the first entry's of each, so that
     * finding one does not look through the incident's entries: a rebuild's batches hold up to
     * thousands of an incident's entries.
     */
    private static final class BatchEntries {
        final Map<String, Map<Long, Saved>> byIncident = new LinkedHashMap<>();
        final Map<SubjectKey, String> subjects = new HashMap<>();

        void put(String incidentId, Saved saved) {
            byIncident.computeIfAbsent(incidentId, id -> new LinkedHashMap<>()).put(saved.entry().sequence(), saved);
        }
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate template;
    private final ProcessorBatch<BatchEntries> batch = new ProcessorBatch<>(BatchEntries::new, this::write);
    /**
     * Subjects of stored entries, for closing a hypothesis or completing a corrective action. A subject
     * never changes once stored: an incident records a hypothesis and adds a corrective action once,
     * and the event that did it is immutable.
     */
    private final StoredFacts<SubjectKey, String> subjects = new StoredFacts<>();

    public TimelineRepository(NamedParameterJdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
        this.template = template;
    }

    /**
     * Puts the entry at its sequence number, over what a previous run wrote there: written with the
     * processor's batch when it commits, or at once outside a batch.
     */
    void put(String incidentId, TimelineEntryView entry, String subject) {
        Saved saved = new Saved(entry, subject, JdbcBatches.Row.ofEvent(parameters(incidentId, entry, subject)));
        List<SubjectKey> keys = new ArrayList<>(Link.values().length);
        if (subject != null) {
            for (Link link : Link.values()) {
                String id = link.id.apply(entry);
                if (id != null) {
                    keys.add(new SubjectKey(incidentId, entry.kind(), link, id));
                }
            }
        }
        batch.apply(entries -> {
            entries.put(incidentId, saved);
            // An incident's events arrive in order, so the first put of a key is its first entry's.
            keys.forEach(key -> entries.subjects.putIfAbsent(key, subject));
        });
        keys.forEach(key -> subjects.stored(key, subject));
    }

    /**
     * The subject of the incident's first entry of this kind about this hypothesis or corrective
     * action, among the stored entries and those its processor's current batch has saved so far.
     */
    Optional<String> subject(String incidentId, TimelineEntryKind kind, Link link, String id) {
        SubjectKey key = new SubjectKey(incidentId, kind, link, id);
        Optional<String> saved = batch.current().map(entries -> entries.subjects.get(key));
        if (saved.isPresent()) {
            return saved;
        }
        return subjects.find(key, this::stored);
    }

    /** The subject of the first stored entry of this kind about this hypothesis or corrective action. */
    private Optional<String> stored(SubjectKey key) {
        TreeMap<Long, String> bySequence = new TreeMap<>();
        jdbc.sql(subjectQuery(key.link()))
                .param("incidentId", key.incidentId())
                .param("kind", key.kind().name())
                .param("id", key.id())
                .query((RowCallbackHandler) rs -> bySequence.put(rs.getLong("seq_no"), rs.getString("subject")));
        return bySequence.values().stream().findFirst();
    }

    /** The stored entries of one kind about one hypothesis or corrective action ({@code :id}) of an incident. */
    static String subjectQuery(Link link) {
        return "SELECT seq_no, subject FROM timeline_entry WHERE incident_id = :incidentId AND kind = :kind AND "
                + link.column + " = :id";
    }

    /** Writes the entries over what a previous run may have stored at their positions. */
    private void write(BatchEntries collected) {
        JdbcBatches.upsert(template, UPDATE, INSERT, collected.byIncident.values().stream()
                .flatMap(entries -> entries.values().stream())
                .map(Saved::row)
                .toList());
    }

    public List<TimelineEntryView> entries(String incidentId) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM timeline_entry WHERE incident_id = :incidentId"
                        + " ORDER BY occurred_at, seq_no")
                .param("incidentId", incidentId)
                .query(TimelineRepository::entry)
                .list();
    }

    /** The entry of the incident's event {@code sequence}, once the projection has written it. */
    public Optional<TimelineEntryView> entry(String incidentId, long sequence) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM timeline_entry WHERE incident_id = :incidentId"
                        + " AND seq_no = :sequence")
                .param("incidentId", incidentId)
                .param("sequence", sequence)
                .query(TimelineRepository::entry)
                .optional();
    }

    private static TimelineEntryView entry(ResultSet rs, int rowNum) throws SQLException {
        return new TimelineEntryView(
                instant(rs, "occurred_at"),
                TimelineEntryKind.valueOf(rs.getString("kind")),
                rs.getString("actor"),
                rs.getString("entry_text"),
                rs.getString("hypothesis_id"),
                rs.getString("action_id"),
                rs.getString("corrective_action_id"),
                rs.getLong("seq_no"));
    }

    void deleteAll() {
        ReadModelTables.truncate(jdbc, "timeline_entry");
        subjects.forgetAll();
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
