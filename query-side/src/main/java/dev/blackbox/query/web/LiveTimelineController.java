package dev.blackbox.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An incident's timeline as it happens, over Server-Sent Events (see {@link LiveTimelines}): each
 * entry as {@code event: entry}, {@code id:} its sequence and {@code data:} the entry as JSON.
 */
@RestController
@Tag(name = "Incidents")
class LiveTimelineController {

    private final LiveTimelines liveTimelines;

    LiveTimelineController(LiveTimelines liveTimelines) {
        this.liveTimelines = liveTimelines;
    }

    @GetMapping(path = "/api/v1/incidents/{incidentId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: the timeline so far, then each entry as it is recorded (event: entry, id: sequence)")
    SseEmitter live(@PathVariable String incidentId) {
        return liveTimelines.follow(incidentId, -1,
                entry -> SseEmitter.event().name("entry").id(Long.toString(entry.sequence())).data(entry));
    }
}
