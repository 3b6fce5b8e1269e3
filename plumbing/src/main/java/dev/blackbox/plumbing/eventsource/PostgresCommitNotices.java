package dev.blackbox.plumbing.eventsource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.Registration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells the other processes on the same PostgreSQL database that this process's appends have
 * committed, and wakes this process's readers when theirs have, through PostgreSQL's {@code NOTIFY}
 * and {@code LISTEN}. Without it a query process finds a command process's events only at its next
 * poll ({@code blackbox.event-source.poll-interval}).
 *
 * <p>A notice is sent after the commit, on a thread of its own, not in the appending transaction:
 * PostgreSQL lets only one transaction that notifies commit at a time, which would undo the grouping
 * of concurrent commits. Commits within one wake gap share a notice, so the notices cost at most one
 * small transaction per gap. Each notice carries this process's id, so that it does not wake its own
 * readers twice. The poll stays, for what was committed while a listener was reconnecting.
 */
final class PostgresCommitNotices implements SmartLifecycle {

    private static final String CHANNEL = "blackbox_commits";

    private static final Logger log = LoggerFactory.getLogger(PostgresCommitNotices.class);
    /** How long the listener waits for a notice before it looks whether it should stop. */
    private static final int LISTEN_TIMEOUT_MILLIS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final CommitSignal signal;
    private final String self = UUID.randomUUID().toString();
    private volatile boolean running;
    private ExecutorService sender;
    private Thread listener;
    private Registration commits;

    PostgresCommitNotices(DataSource dataSource, CommitSignal signal) {
        this.dataSource = dataSource;
        this.signal = signal;
    }

    @Override
    public synchronized void start() {
        if (!onPostgres()) {
            // The embedded database belongs to one process: there is nobody to tell.
            return;
        }
        running = true;
        // One notice waiting covers every commit before it, so the others are dropped: a database that
        // answers slowly gets no backlog of notices.
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1),
                runnable -> daemon(runnable, "event-store-notices-out"), new ThreadPoolExecutor.DiscardPolicy());
        listener = daemon(this::listen, "event-store-notices-in");
        listener.start();
        commits = signal.listenToOwnCommits(() -> sender.execute(this::sendNotice));
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        commits.cancel();
        sender.shutdownNow();
        try {
            // Its connection goes back to the pool before the pool closes.
            listener.join(2 * LISTEN_TIMEOUT_MILLIS + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    private boolean onPostgres() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            // Unreachable now: assume PostgreSQL, and let the listener connect when it can.
            log.warn("Could not tell whether the database is PostgreSQL; listening for other processes' commits", e);
            return true;
        }
    }

    private void sendNotice() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, self);
            notify.execute();
        } catch (SQLException e) {
            if (running) {
                log.warn("Could not tell other processes of a commit; they find its events at their next poll", e);
            }
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                // What others committed while this process was not listening.
                signal.othersCommitted();
                try {
                    PGConnection notices = connection.unwrap(PGConnection.class);
                    while (running) {
                        PGNotification[] received = notices.getNotifications(LISTEN_TIMEOUT_MILLIS);
                        if (received != null && Arrays.stream(received).anyMatch(notice -> !self.equals(notice.getParameter()))) {
                            signal.othersCommitted();
                        }
                    }
                } finally {
                    stopListening(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Stopped hearing of other processes' commits; listening again in {} (until then they are found at each poll)",
                            RECONNECT_PAUSE, e);
                    if (!pause()) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * The connection goes back to the pool: still listening, it would hold notices nobody reads, and
     * PostgreSQL keeps every notice until the slowest listener has read it.
     */
    private static void stopListening(Connection connection) {
        try (Statement unlisten = connection.createStatement()) {
            unlisten.execute("UNLISTEN " + CHANNEL);
        } catch (SQLException broken) {
            // A broken connection listens no more: its session is gone, and the pool drops it.
        }
    }

    /** Whether the pause ran out rather than being interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
