package dev.blackbox.plumbing.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;

/** A batch handled as Axon's event processors handle one: each event through the interceptors, then commit. */
class SharedEventResultTest {

    private final AtomicInteger metadataReads = new AtomicInteger();
    private final List<EventMessage<?>> events = new ArrayList<>();
    private final List<Object> handled = new ArrayList<>();
    private final BatchingUnitOfWork<EventMessage<?>> batch;
    private final CorrelationDataInterceptor<EventMessage<?>> correlation =
            new CorrelationDataInterceptor<>(new MessageOriginProvider());

    SharedEventResultTest() {
        for (int i = 0; i < 3; i++) {
            events.add(new MetadataCounting("fact " + i));
        }
        batch = new BatchingUnitOfWork<>(events);
    }

    @Test
    void withoutItAxonReadsEachEventsMetadataForTheResultOfHandlingIt() {
        ResultMessage<?> result = handleBatch(() -> correlation.handle(batch, this::handle));

        assertThat(handled).containsExactly("fact 0", "fact 1", "fact 2");
        assertThat(result.isExceptional()).isFalse();
        assertThat(metadataReads).as("Axon no longer reads the metadata; SharedEventResult can go").hasValue(3);
    }

    @Test
    void withItNoEventsMetadataIsRead() {
        SharedEventResult shared = new SharedEventResult();

        ResultMessage<?> result = handleBatch(() -> shared.handle(batch, () -> correlation.handle(batch, this::handle)));

        assertThat(handled).containsExactly("fact 0", "fact 1", "fact 2");
        assertThat(result.isExceptional()).isFalse();
        assertThat(metadataReads).hasValue(0);
    }

    @Test
    void anEventThatFailsStillFailsItsBatch() {
        SharedEventResult shared = new SharedEventResult();
        InterceptorChain failing = () -> {
            throw new IllegalStateException("the read model could not write");
        };

        ResultMessage<?> result = handleBatch(() -> shared.handle(batch, failing));

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessage("the read model could not write");
        assertThat(batch.isRolledBack()).isTrue();
    }

    private ResultMessage<?> handleBatch(Callable<Object> eachEvent) {
        return batch.executeWithResult(eachEvent, RollbackConfigurationType.ANY_THROWABLE);
    }

    private Object handle() {
        handled.add(batch.getMessage().getPayload());
        return null;
    }

    /** A stored event's metadata is deserialized when first read; this one counts the reads. */
    private final class MetadataCounting extends GenericEventMessage<String> {

        MetadataCounting(String payload) {
            super(payload, MetaData.emptyInstance());
        }

        @Override
        public MetaData getMetaData() {
            metadataReads.incrementAndGet();
            return super.getMetaData();
        }
    }
}
