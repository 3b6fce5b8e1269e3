package dev.blackbox.app.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from the binaries that zonky
 * publishes as Maven artifacts, so {@code ./mvnw verify} needs nothing installed. Each caller gets
 * its own empty database, so that tests never see each other's events or tokens.
 */
public final class Postgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** Creates an empty database and answers the Spring properties that point the postgres profile at it. */
    public static List<String> freshDatabase() {
        String name = "blackbox_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return List.of(
                "spring.datasource.url=" + server().getJdbcUrl("postgres", name),
                "spring.datasource.username=postgres",
                "spring.datasource.password=");
    }

    /**
     * Makes a database unreachable, as if its server were gone, or reachable again: new connections are
     * refused and open ones are ended.
     */
    public static void reachable(String database, boolean reachable) {
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS " + reachable);
            if (!reachable) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + database + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not change whether " + database + " is reachable", e);
        }
    }

    /** The name of the database that {@link #freshDatabase()}'s settings point at. */
    public static String name(List<String> settings) {
        String url = settings.get(0).substring(settings.get(0).indexOf('=') + 1);
        String path = url.substring(url.lastIndexOf('/') + 1);
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    /** Points a Spring test context at a fresh database of its own. */
    public static void register(DynamicPropertyRegistry registry) {
        for (String property : freshDatabase()) {
            String[] pair = property.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Stopped by the library's own shutdown hook when the test JVM exits.
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }
}
