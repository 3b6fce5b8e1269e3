package dev.blackbox.app.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, remembering the classes it found by name. Axon looks a stored event's
 * class up with {@code Class.forName} for every event it reads, twice (when the message is made and
 * when its payload is deserialized), which showed in profiles of rebuilds and of the search index's
 * reader. Only classes that were found are kept: a type missing from this version stays unknown, as
 * Axon has it, and there are only as many names as the types Blackbox writes.
 */
final class ClassCachingJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> found = new ConcurrentHashMap<>();

    ClassCachingJacksonSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = found.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            found.put(type.getName(), resolved);
        }
        return resolved;
    }
}
