package dev.blackbox.query.replay;

import dev.blackbox.plumbing.batch.ReplayHolds;
import dev.blackbox.plumbing.web.Problems;
import dev.blackbox.query.search.SearchIndex;
import dev.blackbox.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds a read model from the event store (admin): the read models' shared processor stops, its
 * tokens go back to the start of the stream with the rebuilt read models named in the reset (only
 * their reset handlers empty their tables, see {@link ReadModelProcessor}) and it starts again, while the
 * command side keeps accepting commands. The same path reports progress: the shared processor's, so
 * while one read model is rebuilt the others report it too, as they take in new events only after it.
 * The search index follows the store with a reader of its own in every query process ({@link SearchIndex}):
 * its rebuild empties this process's index and reads the store again, and its status is that reader's.
 * A rebuild is done once the rows it held ({@link ReplayHolds}) are written, and reports how far they are.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Replay", description = "Rebuild read models from the event store")
class ProjectionReplayController {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final List<String> readModels;
    private final SearchIndex searchIndex;
    private final ReplayHolds holds;

    ProjectionReplayController(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                               TransactionManager transactions, ApplicationContext context, SearchIndex searchIndex,
                               ReplayHolds holds) {
        this.processing = processing;
        this.holds = holds;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.searchIndex = searchIndex;
        this.readModels = context.getBeansWithAnnotation(ReadModel.class).values().stream()
                .map(bean -> AopUtils.getTargetClass(bean).getAnnotation(ReadModel.class).value())
                .collect(Collectors.toCollection(ArrayList::new));
        readModels.add(SearchIndex.NAME);
        readModels.sort(null);
    }

    @GetMapping
    @Operation(summary = "Every read model and how far it is")
    List<ReplayStatusView> all() {
        return readModels.stream().map(this::status).toList();
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild one read model from the whole event store")
    ResponseEntity<ReplayStatusView> replay(@PathVariable String name) {
        requireReadModel(name);
        if (name.equals(SearchIndex.NAME)) {
            searchIndex.rebuild();
            return ResponseEntity.accepted().body(status(name));
        }
        StreamingEventProcessor processor = shared();
        processor.shutDown();
        try {
            Set<String> rebuilt = unfinishedRebuilds(processor.getName());
            rebuilt.add(name);
            processor.resetTokens(ReadModelProcessor.resetContext(rebuilt));
        } catch (IllegalStateException | UnableToClaimTokenException claimedElsewhere) {
            // Another instance still holds segments of this processor: rebuilding needs all of them.
            throw Problems.refusal(HttpStatus.CONFLICT, "Cannot rebuild", "read model " + name
                    + " is being processed by another instance; " + claimedElsewhere.getMessage());
        } finally {
            processor.start();
        }
        return ResponseEntity.accepted().body(status(name));
    }

    @GetMapping("/{name}/replay")
    @Operation(summary = "Progress of a read model's rebuild: its position against the head of the store")
    ReplayStatusView progress(@PathVariable String name) {
        requireReadModel(name);
        return status(name);
    }

    /**
     * The read models whose rebuild has not reached the events stored after it was asked for, read
     * from the stopped processor's tokens: a new rebuild must include them, as Axon keeps one reset
     * context per token and starts the stream over.
     */
    private Set<String> unfinishedRebuilds(String processorName) {
        return transactions.fetchInTransaction(() -> {
            Set<String> unfinished = new TreeSet<>();
            for (int segment : tokenStore.fetchSegments(processorName)) {
                WrappedToken.unwrap(tokenStore.fetchToken(processorName, segment), ReplayToken.class)
                        .filter(ReplayHolds::replaying)
                        .ifPresent(replay -> readModels.stream()
                                .filter(readModel -> ReadModelProcessor.rebuilds(replay.context(), readModel))
                                .forEach(unfinished::add));
            }
            return unfinished;
        });
    }

    private void requireReadModel(String name) {
        if (!readModels.contains(name)) {
            throw new NotFoundException("Read model not found", "no read model " + name
                    + "; GET /api/v1/admin/projections lists them");
        }
    }

    private StreamingEventProcessor shared() {
        return processing.eventProcessorByProcessingGroup(ReadModelProcessor.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private ReplayStatusView status(String name) {
        if (name.equals(SearchIndex.NAME)) {
            return searchStatus();
        }
        StreamingEventProcessor processor = shared();
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        // A segment that has handled nothing yet holds the lowest position back: there is none.
        List<OptionalLong> positions = segments.stream().map(this::written).toList();
        Long position = positions.isEmpty() || positions.stream().anyMatch(OptionalLong::isEmpty)
                ? null
                : positions.stream().mapToLong(OptionalLong::getAsLong).min().orElseThrow();
        Long head = head();
        List<String> errors = segments.stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> "segment " + segment.getSegment().getSegmentId() + ": " + segment.getError())
                .toList();
        return new ReplayStatusView(name, state(processor, segments, errors), position, head,
                segments.size(), errors);
    }

    /**
     * The search index's own reader: replaying until it is back at the head, one segment, this process only.
     * Until the reader has emptied the index for a rebuild, its position is the old index's, which a
     * client comparing it with the head would take for a finished rebuild: there is none yet.
     */
    private ReplayStatusView searchStatus() {
        Long position = searchIndex.rebuilding() ? null : searchIndex.position();
        Long head = head();
        String state = searchIndex.rebuilding() || (head != null && (position == null || position < head))
                ? "catching-up" : "done";
        return new ReplayStatusView(SearchIndex.NAME, state, position, head, 1, List.of());
    }

    private Long head() {
        TrackingToken headToken = eventStore.createHeadToken();
        return headToken == null ? null : headToken.position().stream().boxed().findFirst().orElse(null);
    }

    /** How far a segment's rows are written: where it is, unless it holds a rebuild's rows not written yet. */
    private OptionalLong written(EventTrackerStatus segment) {
        return holds.storedToken(segment.getSegment().getSegmentId())
                .map(TrackingToken::position)
                .orElseGet(segment::getCurrentPosition);
    }

    private String state(StreamingEventProcessor processor, Collection<EventTrackerStatus> segments,
                         List<String> errors) {
        if (!errors.isEmpty()) {
            return "failed";
        }
        if (!processor.isRunning()) {
            return "stopped";
        }
        if (holds.holding() || segments.stream().anyMatch(ReadModelProcessor::replaying)) {
            return "replaying";
        }
        if (segments.isEmpty() || !segments.stream().allMatch(EventTrackerStatus::isCaughtUp)) {
            return "catching-up";
        }
        return "done";
    }
}
