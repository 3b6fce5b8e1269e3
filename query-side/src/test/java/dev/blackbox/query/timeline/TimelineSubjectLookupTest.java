package dev.blackbox.query.timeline;

import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.blackbox.events.Severity.SEV2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ruling out or confirming a hypothesis, and completing a corrective action, name it by the entry
 * that recorded it. In an outage with thousands of notes, finding that entry must not read them all:
 * projecting the incident would then slow down with every event it already has.
 */
class TimelineSubjectLookupTest {

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private final ReadSide readSide = new ReadSide(Clock.systemUTC());
    private final Events inc = new Events("inc-1");

    @Test
    void theRecordingEntryIsFoundAmongAThousandNotesByReadingAHandfulOfRows() {
        List<IncidentEvent> events = new ArrayList<>();
        events.add(inc.detected("15:00", SEV2));
        events.add(inc.hypothesis("15:01", "h1", "The database is down"));
        events.add(inc.correctiveAction("15:02", "ca1", CorrectiveActionKind.TASK, "bob", "2024-02-07T00:00:00Z"));
        for (int i = 0; i < 1000; i++) {
            events.add(inc.note("15:03", "still failing, sample " + i));
        }
        readSide.publish(events);

        assertThat(rowsRead(TimelineRepository.Link.HYPOTHESIS, TimelineEntryKind.HYPOTHESIS_RECORDED, "h1"))
                .isLessThanOrEqualTo(2);
        assertThat(rowsRead(TimelineRepository.Link.CORRECTIVE_ACTION, TimelineEntryKind.CORRECTIVE_ACTION_ADDED, "ca1"))
                .isLessThanOrEqualTo(2);
    }

    @Test
    void closingEntriesNameWhatAnEarlierBatchRecordedWithoutAskingTheTable() {
        ReadSide batched = new ReadSide(Clock.systemUTC()).inBatchesOf(10);
        batched.publish(inc.detected("15:00", SEV2), inc.hypothesis("15:01", "h1", "The database is down"),
                inc.correctiveAction("15:02", "ca1", CorrectiveActionKind.TASK, "bob", "2024-02-07T00:00:00Z"));
        batched.jdbc().getJdbcOperations().execute("SET QUERY_STATISTICS TRUE");

        batched.publish(inc.ruledOut("15:03", "h1"), inc.completed("15:04", "ca1"));

        assertThat(batched.find(new FindTimeline("inc-1"), TimelineView.class).orElseThrow().entries())
                .extracting(TimelineEntryView::text)
                .anyMatch(text -> text.startsWith("Hypothesis ruled out: \"The database is down\""))
                .contains("Corrective action completed: work ca1");
        List<String> statements = batched.jdbc().getJdbcOperations()
                .queryForList("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS", String.class);
        assertThat(statements).as("the timeline was read back").anyMatch(sql -> sql.contains("FROM timeline_entry"));
        assertThat(statements).noneMatch(sql -> sql.startsWith("SELECT seq_no, subject FROM timeline_entry"));
    }

    /** How many rows H2 read to answer the lookup, as its EXPLAIN ANALYZE reports. */
    private int rowsRead(TimelineRepository.Link link, TimelineEntryKind kind, String id) {
        String plan = readSide.jdbc().queryForObject("EXPLAIN ANALYZE " + TimelineRepository.subjectQuery(link),
                Map.of("incidentId", "inc-1", "kind", kind.name(), "id", id), String.class);
        Matcher scanned = SCAN_COUNT.matcher(plan);
        assertThat(scanned.find()).as("rows read in %s", plan).isTrue();
        return Integer.parseInt(scanned.group(1));
    }
}
