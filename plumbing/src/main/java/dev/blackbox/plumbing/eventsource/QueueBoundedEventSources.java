package dev.blackbox.plumbing.eventsource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes a {@link QueueBoundedEventSource} for a pooled processor that should read the events no faster
 * than its work packages take them, and closes them all at shutdown.
 */
public final class QueueBoundedEventSources implements AutoCloseable {

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final int window;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final List<QueueBoundedEventSource> made = new CopyOnWriteArrayList<>();

    QueueBoundedEventSources(StreamableMessageSource<TrackedEventMessage<?>> source, int window,
            ObjectProvider<EventProcessingConfiguration> processing) {
        this.source = source;
        this.window = window;
        this.processing = processing;
    }

    /** The events for the pooled processor {@code name}, bounded by its work packages' progress. */
    public QueueBoundedEventSource forProcessor(String name) {
        QueueBoundedEventSource bounded = new QueueBoundedEventSource(source, window, () -> processing.getObject()
                .eventProcessor(name, StreamingEventProcessor.class).orElse(null));
        made.add(bounded);
        return bounded;
    }

    @Override
    public void close() {
        made.forEach(QueueBoundedEventSource::close);
    }
}
