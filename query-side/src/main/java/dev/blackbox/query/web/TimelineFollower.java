package dev.blackbox.query.web;

import dev.blackbox.query.config.LiveTimelineProperties;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineView;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One client following an incident's timeline over Server-Sent Events: the timeline as it stands
 * (its entries after a given sequence), then every entry the timeline projection saves afterwards,
 * each as the event the caller makes of it; and a comment line every heartbeat.
 * <p>
 * Entries arrive on the timeline processor's thread, which must never wait for a client. They are
 * queued for the follower, at most {@link LiveTimelineProperties#bufferSize()} of them (plus Reactor's
 * fixed prefetch queues, a few hundred small references), and written out on a sender thread. A
 * follower that falls further behind than that is dropped: its subscription query is cancelled, no
 * more entries are queued for it, what was queued is still written, and then its stream ends;
 * reconnecting starts again from the timeline as it then stands. Server memory per follower is
 * therefore bounded, whatever the client does.
 * <p>
 * When the client goes, the next write (at the latest the next heartbeat) fails, the container
 * ends the request and the completion callback cancels the subscription query and the heartbeat.
 */
final class TimelineFollower {

    private static final Logger log = LoggerFactory.getLogger(TimelineFollower.class);

    /** The stream lasts until the client goes or falls behind, not until a request timeout. */
    private static final long NO_TIMEOUT = -1;

    private TimelineFollower() {
    }

    static SseEmitter follow(TimelineView current, long afterSequence,
                             SubscriptionQueryResult<?, TimelineEntryView> subscription,
                             LiveTimelineProperties properties, Scheduler senders,
                             Function<TimelineEntryView, SseEmitter.SseEventBuilder> event) {
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        // Subscribed at once, so no entry saved while the current timeline is being written is missed.
        Flux<TimelineEntryView> entries = Flux.mergeSequential(
                Flux.fromIterable(current.entries()).filter(entry -> entry.sequence() > afterSequence),
                subscription.updates()
                        .filter(unseen(current))
                        .onBackpressureBuffer(properties.bufferSize()));
        Flux<SseEmitter.SseEventBuilder> heartbeats = Flux.interval(properties.heartbeat(), properties.heartbeat())
                .onBackpressureDrop()
                .map(tick -> SseEmitter.event().comment("heartbeat"));
        Disposable sending = Flux.merge(entries.map(event), heartbeats)
                .publishOn(senders)
                .doFinally(signal -> subscription.cancel())
                .subscribe(sse -> send(emitter, sse),
                        failure -> stop(emitter, current.incidentId(), properties.bufferSize(), failure));
        emitter.onCompletion(sending::dispose);
        emitter.onError(failure -> sending.dispose());
        return emitter;
    }

    /**
     * Entries not sent yet. A subscription query sees what is saved from the moment it is made, so
     * its first updates may already be in the current timeline; and a rebuild of the timeline saves
     * every entry again. The processor handles one incident's events in order, so an entry is new
     * exactly when its sequence is above every one sent before.
     */
    private static Predicate<TimelineEntryView> unseen(TimelineView current) {
        AtomicLong highest = new AtomicLong(current.entries().stream()
                .mapToLong(TimelineEntryView::sequence)
                .max()
                .orElse(-1));
        return entry -> highest.getAndAccumulate(entry.sequence(), Math::max) < entry.sequence();
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException e) {
            // The client has gone. The container reports it to the emitter's error callback, which
            // ends this stream; until then the remaining writes fail the same way.
            log.debug("A live follower has gone: {}", e.toString());
        }
    }

    private static void stop(SseEmitter emitter, String incidentId, int bufferSize, Throwable failure) {
        if (Exceptions.isOverflow(failure)) {
            log.info("Dropped a live follower of incident {}: it fell more than {} entries behind", incidentId,
                    bufferSize);
        } else {
            log.warn("Live timeline of incident {} failed; ending the stream", incidentId, failure);
        }
        emitter.complete();
    }
}
