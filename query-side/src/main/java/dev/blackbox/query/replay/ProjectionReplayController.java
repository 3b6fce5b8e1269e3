package dev.blackbox.query.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import dev.blackbox.query.web.NotFoundException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds a read model from the event store (admin): its processor stops, its tokens go back to
 * the start of the stream (its reset handler empties its tables) and it starts again, while the
 * command side keeps accepting commands. The same path reports progress.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Replay", description = "Rebuild read models from the event store")
class ProjectionReplayController {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProjectionReplayController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** Sagas run on streaming processors too, but they act rather than read, and are never reset. */
    @GetMapping
    @Operation(summary = "Every read model's processor and how far it is")
    List<ReplayStatusView> all() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::supportsReset)
                .map(this::status)
                .toList();
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild one read model from the whole event store")
    ResponseEntity<ReplayStatusView> replay(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (IllegalStateException claimedElsewhere) {
            // Another instance still holds segments of this processor: rebuilding needs all of them.
            throw problem(HttpStatus.CONFLICT, "Cannot rebuild", "read model " + name
                    + " is being processed by another instance; " + claimedElsewhere.getMessage());
        } finally {
            processor.start();
        }
        return ResponseEntity.accepted().body(status(processor));
    }

    @GetMapping("/{name}/replay")
    @Operation(summary = "Progress of a read model's rebuild: its position against the head of the store")
    ReplayStatusView progress(@PathVariable String name) {
        return status(processor(name));
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessorByProcessingGroup(name, StreamingEventProcessor.class)
                .filter(StreamingEventProcessor::supportsReset)
                .orElseThrow(() -> new NotFoundException("Read model not found", "no read model " + name
                        + "; GET /api/v1/admin/projections lists them"));
    }

    private ReplayStatusView status(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        Long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).min(Long::compare).orElse(null);
        TrackingToken headToken = eventStore.createHeadToken();
        Long head = headToken == null ? null : headToken.position().stream().boxed().findFirst().orElse(null);
        List<String> errors = segments.stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> "segment " + segment.getSegment().getSegmentId() + ": " + segment.getError())
                .toList();
        return new ReplayStatusView(processor.getName(), state(processor, segments, errors), position, head,
                segments.size(), errors);
    }

    private static String state(StreamingEventProcessor processor, Collection<EventTrackerStatus> segments,
                                List<String> errors) {
        if (!errors.isEmpty()) {
            return "failed";
        }
        if (!processor.isRunning()) {
            return "stopped";
        }
        if (segments.stream().anyMatch(EventTrackerStatus::isReplaying)) {
            return "replaying";
        }
        if (segments.isEmpty() || !segments.stream().allMatch(EventTrackerStatus::isCaughtUp)) {
            return "catching-up";
        }
        return "done";
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
