package dev.blackbox.plumbing.eventstore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;

/**
 * Axon's insert of appended events, with the database asked for the global index it gives each one.
 * A command's answer carries the position of its last event ({@code Blackbox-Position}); read back
 * from the insert, it needs no query of its own once the command has committed. The indexes are kept
 * in the unit of work that appends the events, where the event store's subscribers, called right
 * after the insert, find them with {@link #globalIndexOf}.
 *
 * <p>Axon builds the statement, and executes and closes it itself, so the connection it is built on
 * is asked for generated keys, and the statement reads them as its batch is executed. Everything
 * else, including the failure a duplicate sequence number raises, is Axon's and the driver's.
 */
public final class IndexReturningAppends implements AppendEventsStatementBuilder {

    private static final String INDEXES = IndexReturningAppends.class.getName();

    /** The global index the store gave {@code event}, if it was appended in the current unit of work. */
    public static OptionalLong globalIndexOf(EventMessage<?> event) {
        if (!CurrentUnitOfWork.isStarted()) {
            return OptionalLong.empty();
        }
        Map<String, Long> indexes = CurrentUnitOfWork.get().getResource(INDEXES);
        Long index = indexes == null ? null : indexes.get(event.getIdentifier());
        return index == null ? OptionalLong.empty() : OptionalLong.of(index);
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
            List<? extends EventMessage<?>> events, Serializer serializer, TimestampWriter timestampWriter)
            throws SQLException {
        String[] generated = {schema.globalIndexColumn()};
        Connection returningKeys = delegate(Connection.class, (method, args) ->
                method.getName().equals("prepareStatement") && args.length == 1
                        ? connection.prepareStatement((String) args[0], generated)
                        : invoke(method, connection, args));
        PreparedStatement insert = JdbcEventStorageEngineStatements.appendEvents(
                returningKeys, schema, dataType, events, serializer, timestampWriter);
        return delegate(PreparedStatement.class, (method, args) -> {
            Object result = invoke(method, insert, args);
            if (method.getName().equals("executeBatch")) {
                remember(insert, events);
            }
            return result;
        });
    }

    /** The keys come back in the order the rows were added to the batch: the order of the events. */
    private static void remember(PreparedStatement insert, List<? extends EventMessage<?>> events) throws SQLException {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Map<String, Long> indexes = CurrentUnitOfWork.get().getOrComputeResource(INDEXES, key -> new HashMap<>());
        try (ResultSet keys = insert.getGeneratedKeys()) {
            for (int i = 0; i < events.size() && keys.next(); i++) {
                indexes.put(events.get(i).getIdentifier(), keys.getLong(1));
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        Object answer(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T delegate(Class<T> type, Call call) {
        return (T) Proxy.newProxyInstance(IndexReturningAppends.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> call.answer(method, args == null ? new Object[0] : args));
    }

    /** Calls the real object, raising what it raised, so that Axon sees the driver's own exceptions. */
    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
    }
}
