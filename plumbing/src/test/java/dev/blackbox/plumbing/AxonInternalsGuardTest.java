package dev.blackbox.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

/**
 * The Axon internals the plumbing relies on, each checked as it stands in the Axon version on the
 * classpath: an Axon upgrade that changes one fails here, naming what to look at, instead of
 * quietly slowing Blackbox down or letting it store the wrong thing.
 */
class AxonInternalsGuardTest {

    /** {@code QueueBoundedStream} and the range of {@code blackbox.event-source.read-model-window}. */
    @Test
    void aPooledProcessorsWorkPackageQueuesAThousandAndTwentyFourEventsBeforeItsCoordinatorBacksOff() throws Exception {
        Field bufferSize = Class.forName("org.axonframework.eventhandling.pooled.WorkPackage")
                .getDeclaredField("BUFFER_SIZE");
        bufferSize.setAccessible(true);

        assertThat(bufferSize.getInt(null)).isEqualTo(1024);
    }

    /** The read models' processor configuration overrides this to dispatch by payload type and bound its source. */
    @Test
    void theEventProcessingModuleBuildsPooledProcessorsInAProtectedMethodThatCanBeOverridden() throws Exception {
        Method build = EventProcessingModule.class.getDeclaredMethod("pooledStreamingEventProcessor", String.class,
                EventHandlerInvoker.class, Configuration.class, StreamableMessageSource.class,
                PooledStreamingProcessorConfiguration.class);

        assertThat(Modifier.isProtected(build.getModifiers())).isTrue();
        assertThat(Modifier.isFinal(build.getModifiers())).isFalse();
    }

    /**
     * {@code OwnTypeAggregateFactory} refuses another type's history with a subclass of
     * {@link AggregateNotFoundException}: for a command that creates when missing, Axon must create
     * only on that exact class, or it would append to the other aggregate's history.
     */
    @Test
    void aRepositoryCreatesAMissingAggregateOnlyOnTheExactNotFoundException() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        store.publish(new GenericDomainEventMessage<>("Other", "taken", 0, "an event of another type"));
        EventSourcingRepository<Thing> repository = EventSourcingRepository.builder(Thing.class)
                .eventStore(store)
                .aggregateFactory(new RefusingFactory())
                .build();

        ResultMessage<?> loaded = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.loadOrCreate("taken", Thing::new));

        assertThat(loaded.isExceptional()).isTrue();
        assertThat(loaded.exceptionResult()).isInstanceOf(NotThisType.class);
        assertThat(store.readEvents("taken").asStream().count()).as("nothing appended to another's history")
                .isEqualTo(1);
    }

    /** {@code ProcessorPositions} finds an aggregate's segment the way a processor's invoker assigns its events. */
    @Test
    void anAggregatesEventsGoToTheSegmentThatMatchesItsId() {
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(new FactHandler())
                .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                .build();
        Segment[] segments = Segment.splitBalanced(Segment.ROOT_SEGMENT, 3).toArray(Segment[]::new);

        for (String aggregate : List.of("checkout-2024-03-01", "inc-7", "training-42", "drill-x", "lb")) {
            DomainEventMessage<String> event = new GenericDomainEventMessage<>("Incident", aggregate, 0, "fact");
            for (Segment segment : segments) {
                assertThat(segment.matches(aggregate)).as("%s in %s", aggregate, segment)
                        .isEqualTo(invoker.canHandle(event, segment));
            }
        }
    }

    static class FactHandler {

        @EventHandler
        void on(String fact) {
            // Only its existence counts: a segment's invoker handles what some handler takes.
        }
    }

    static class Thing {

        @AggregateIdentifier
        String id;
    }

    static class NotThisType extends AggregateNotFoundException {

        NotThisType(String id) {
            super(id, "another type's history");
        }
    }

    /** Refuses every history, as {@code OwnTypeAggregateFactory} refuses another type's. */
    static class RefusingFactory implements AggregateFactory<Thing> {

        @Override
        public Thing createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
            throw new NotThisType(aggregateIdentifier);
        }

        @Override
        public Class<Thing> getAggregateType() {
            return Thing.class;
        }
    }
}
