package dev.blackbox.plumbing.eventsource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes a {@link QueueBoundedEventSource} for a pooled processor that should read the stored events no
 * faster than its work packages take them, and closes them all at shutdown.
 */
public final class QueueBoundedEventSources implements AutoCloseable {

    private final StoredEventSource stored;
    private final int window;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final List<QueueBoundedEventSource> made = new CopyOnWriteArrayList<>();

    QueueBoundedEventSources(StoredEventSource stored, int window,
            ObjectProvider<EventProcessingConfiguration> processing) {
        this.stored = stored;
        this.window = window;
        this.processing = processing;
    }

    /** The stored events for the pooled processor {@code name}, bounded by its work packages' progress. */
    public QueueBoundedEventSource forProcessor(String name) {
        QueueBoundedEventSource source = new QueueBoundedEventSource(stored, window, () -> processing.getObject()
                .eventProcessor(name, StreamingEventProcessor.class).orElse(null));
        made.add(source);
        return source;
    }

    @Override
    public void close() {
        made.forEach(QueueBoundedEventSource::close);
    }
}
