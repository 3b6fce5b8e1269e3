package dev.blackbox.app.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.blackbox.events.IncidentEvent;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Jackson for everything Axon writes: stored events, snapshots, tokens, sagas, and messages crossing Axon Server. */
@Configuration(proxyBeanMethods = false)
class SerializerConfig {

    /**
     * Stored events must stay readable by every later version, so this mapper, unlike the strict
     * one at the HTTP edge, ignores fields it does not know.
     */
    @Bean
    @Primary
    Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jackson();
    }

    /**
     * Commands and queries crossing Axon Server. A command can carry events as a list of the
     * {@link IncidentEvent} interface (an import), so each element names its event type; stored
     * events keep their type in the event store's own column and are written without it.
     */
    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        ObjectMapper mapper = mapper().addMixIn(IncidentEvent.class, NamedIncidentEvent.class);
        for (Class<?> event : IncidentEvent.class.getPermittedSubclasses()) {
            mapper.registerSubtypes(new NamedType(event, event.getSimpleName()));
        }
        return new ClassCachingJacksonSerializer(JacksonSerializer.builder().objectMapper(mapper));
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    private interface NamedIncidentEvent {
    }

    private static Serializer jackson() {
        return new ClassCachingJacksonSerializer(JacksonSerializer.builder().objectMapper(mapper()));
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
