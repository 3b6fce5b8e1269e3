package dev.blackbox.plumbing.positions;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a streaming processor has processed a position of the event store. Its stream is split into
 * segments, by aggregate. A segment this process holds reports its position as soon as a batch is
 * committed; one that another process holds is read from the token store, where it is committed
 * together with that batch's writes.
 */
public final class ProcessorPositions {

    private final String processorName;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TokenSchema schema;
    private final Serializer serializer;
    private final IntFunction<Optional<TrackingToken>> heldBack;

    /**
     * Without a JDBC token store ({@code schema} absent) there are no other processes' segments to read.
     *
     * @param heldBack for a segment of this process whose rows are not all written yet, how far they are
     *                 ({@link dev.blackbox.plumbing.batch.ReplayHolds#storedToken})
     */
    public ProcessorPositions(String processorName, EventProcessingConfiguration processing, JdbcTemplate jdbc,
            ObjectProvider<TokenSchema> schema, Serializer serializer,
            IntFunction<Optional<TrackingToken>> heldBack) {
        this.processorName = processorName;
        this.heldBack = heldBack;
        this.processing = processing;
        this.jdbc = jdbc;
        this.schema = schema.getIfAvailable();
        this.serializer = serializer;
    }

    /**
     * True once the segment of the aggregate {@code aggregateId} has passed {@code position}, with that
     * event processed; without an aggregate, once every segment has.
     */
    public boolean processed(long position, Optional<String> aggregateId) {
        Map<Integer, TrackingToken> tokens = storedTokens();
        processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .ifPresent(processor -> processor.processingStatus()
                        .forEach((segment, status) -> tokens.put(segment,
                                heldBack.apply(segment).orElse(status.getTrackingToken()))));
        if (tokens.isEmpty()) {
            return false;
        }
        return Arrays.stream(Segment.computeSegments(tokens.keySet().stream().mapToInt(Integer::intValue).toArray()))
                .filter(segment -> aggregateId.map(segment::matches).orElse(true))
                .allMatch(segment -> covers(tokens.get(segment.getSegmentId()), position));
    }

    private Map<Integer, TrackingToken> storedTokens() {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        if (schema == null) {
            return tokens;
        }
        jdbc.query("SELECT " + schema.segmentColumn() + ", " + schema.tokenColumn() + ", " + schema.tokenTypeColumn()
                        + " FROM " + schema.tokenTable() + " WHERE " + schema.processorNameColumn() + " = ?",
                row -> {
                    tokens.put(row.getInt(1), token(row.getBytes(2), row.getString(3)));
                }, processorName);
        return tokens;
    }

    private TrackingToken token(byte[] data, String type) {
        return data == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
    }

    /**
     * A replay's token counts by where the replay is. On the JDBC store an event that was not yet
     * committed when the reader passed it is a gap in the token until it is read.
     */
    private static boolean covers(TrackingToken token, long position) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current == null || current.position().orElse(-1) < position) {
            return false;
        }
        return !(current instanceof GapAwareTrackingToken gapAware) || !gapAware.getGaps().contains(position);
    }
}
