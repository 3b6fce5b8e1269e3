package dev.blackbox.app.web;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.ErrorCode;
import org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException;
import org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.queryhandling.NoHandlerForQueryException;

/**
 * Whether a failed request failed because the store (the database, or Axon Server) could not be
 * reached: something that passes with time, so the client is told to retry, unlike a fault in Blackbox.
 * Only causes that say so are recognised, wherever Axon, Spring or the pool wrapped them.
 */
final class StoreUnavailability {

    /** Axon Server's codes for "not connected" and "no node can take events now". */
    private static final Set<String> AXON_SERVER_CODES = Set.of(ErrorCode.CONNECTION_FAILED.errorCode(),
            ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.errorCode());
    /**
     * A command or query that could not be carried to its handler or its answer back: the connection,
     * not the handler, failed. Axon rebuilds these from Axon Server's error message without the
     * cause; one raised here keeps it, and then the cause decides (a serialization fault stays a 500).
     */
    private static final Set<String> DISPATCH_CODES = Set.of(ErrorCode.COMMAND_DISPATCH_ERROR.errorCode(),
            ErrorCode.QUERY_DISPATCH_ERROR.errorCode());
    /** PostgreSQL's server shutting down (admin, crash) or starting up; class 08 is checked apart. */
    private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03");
    private static final String SQL_CONNECTION_EXCEPTION_CLASS = "08";

    private StoreUnavailability() {
    }

    static boolean explains(Throwable failure) {
        return anyCause(failure, StoreUnavailability::unavailable);
    }

    /**
     * Whether Axon Server answered that no connected process handles the command or query. That passes
     * too: a process reconnecting to Axon Server registers its handlers again, a query process that was
     * down starts. Only over Axon Server: on a local bus every handler is registered at start, and a
     * missing one is a fault of Blackbox.
     */
    static boolean noHandlerConnected(Throwable failure) {
        return anyCause(failure,
                cause -> cause instanceof NoHandlerForQueryException || cause instanceof NoHandlerForCommandException);
    }

    /** Whether the failure, or anything that caused it, is {@code wanted}, wherever Axon, Spring or the pool wrapped it. */
    private static boolean anyCause(Throwable failure, Predicate<Throwable> wanted) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (wanted.test(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(Throwable cause) {
        if (cause instanceof StatusRuntimeException grpc) {
            return grpc.getStatus().getCode() == Status.Code.UNAVAILABLE;
        }
        if (cause instanceof StatusException grpc) {
            return grpc.getStatus().getCode() == Status.Code.UNAVAILABLE;
        }
        if (cause instanceof AxonServerException axonServer) {
            return AXON_SERVER_CODES.contains(axonServer.code());
        }
        if (cause instanceof AxonServerCommandDispatchException dispatch) {
            return undeliverable(dispatch.getErrorCode(), dispatch);
        }
        if (cause instanceof AxonServerQueryDispatchException dispatch) {
            return undeliverable(dispatch.code(), dispatch);
        }
        if (cause instanceof io.axoniq.axonserver.connector.AxonServerException connector) {
            String code = connector.getErrorCategory().errorCode();
            return AXON_SERVER_CODES.contains(code) || undeliverable(code, connector);
        }
        // The pool's own verdict: no connection could be had within its timeout.
        if (cause instanceof SQLTransientConnectionException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState().startsWith(SQL_CONNECTION_EXCEPTION_CLASS) || SQL_STATES.contains(sql.getSQLState());
        }
        return false;
    }

    private static boolean undeliverable(String code, Throwable dispatch) {
        return DISPATCH_CODES.contains(code) && dispatch.getCause() == null;
    }
}
