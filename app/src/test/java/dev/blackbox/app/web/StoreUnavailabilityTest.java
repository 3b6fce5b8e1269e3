package dev.blackbox.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.ErrorMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import org.axonframework.axonserver.connector.ErrorCode;
import org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.ErrorResponseException;

/**
 * Which failures are the store out of reach (answered 503, retried) and which are faults (500), built
 * the way Axon's connector and the PostgreSQL driver build them.
 */
class StoreUnavailabilityTest {

    @Test
    void aQueryWhoseStreamAxonServerClosedIsUnavailable() {
        // AxonServerQueryBus turns the stream's error into a dispatch error, keeping only its message.
        var dropped = ErrorCode.QUERY_DISPATCH_ERROR.convert("blackbox-query",
                new StatusRuntimeException(Status.UNAVAILABLE.withDescription("Connection closed after GOAWAY")));

        assertThat(StoreUnavailability.explains(new CompletionException(dropped))).isTrue();
    }

    @Test
    void eventsThatNoAxonServerNodeCanTakeAreUnavailable() {
        var noLeader = ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.convert(ErrorMessage.newBuilder()
                .setErrorCode(ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.errorCode())
                .setMessage("No leader for context default").build());

        assertThat(StoreUnavailability.explains(noLeader)).isTrue();
    }

    @Test
    void aQueryHandlersOwnFailureIsAFault() {
        var failed = ErrorCode.QUERY_EXECUTION_ERROR.convert("blackbox-query", new IllegalStateException("bug"));

        assertThat(StoreUnavailability.explains(new CompletionException(failed))).isFalse();
    }

    @Test
    void aCommandThatCouldNotBeSerializedIsAFaultThoughAxonCallsItADispatchError() {
        var unserializable = new AxonServerCommandDispatchException(ErrorCode.COMMAND_DISPATCH_ERROR.errorCode(),
                "Exception while dispatching a command to AxonServer", new IllegalArgumentException("no serializer"));

        assertThat(StoreUnavailability.explains(unserializable)).isFalse();
    }

    @Test
    void aQueryNoConnectedProcessHandlesIsAnsweredRetryLaterOverAxonServerOnly() {
        // What AxonServerQueryBus makes of Axon Server's answer while the query process reconnects.
        var noHandler = new CompletionException(ErrorCode.NO_HANDLER_FOR_QUERY.convert(ErrorMessage.newBuilder()
                .setErrorCode(ErrorCode.NO_HANDLER_FOR_QUERY.errorCode())
                .setMessage("No handler for query: dev.blackbox.query.postmortem.FindPostmortem").build()));

        ErrorResponseException overAxonServer = new Failures(true).problem(noHandler);
        assertThat(overAxonServer.getStatusCode().value()).isEqualTo(503);
        assertThat(overAxonServer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(overAxonServer.getBody().getTitle()).isEqualTo("No handler connected");
        // On a local bus every handler is registered at start: a missing one is a fault.
        assertThat(new Failures(false).problem(noHandler).getStatusCode().value()).isEqualTo(500);
        assertThat(new Failures(true).problem(new IllegalStateException("bug")).getStatusCode().value())
                .isEqualTo(500);
    }

    @Test
    void aRefusedDatabaseConnectionIsUnavailable() {
        var refused = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new PSQLException("Connection to localhost:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));

        assertThat(StoreUnavailability.explains(refused)).isTrue();
    }

    @Test
    void aConstraintTheDatabaseEnforcedIsNotUnavailability() {
        var duplicate = new DuplicateKeyException("insert failed",
                new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION));

        assertThat(StoreUnavailability.explains(duplicate)).isFalse();
        assertThat(StoreUnavailability.explains(new IllegalStateException("bug"))).isFalse();
    }
}
