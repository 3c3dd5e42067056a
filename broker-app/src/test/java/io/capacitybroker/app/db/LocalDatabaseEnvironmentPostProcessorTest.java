package io.capacitybroker.app.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capacitybroker.testkit.postgres.PostgresTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.springframework.boot.logging.DeferredLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Zero-setup database resolution: configured URL, then the local server, then an embedded PostgreSQL. */
@PostgresTest
class LocalDatabaseEnvironmentPostProcessorTest {

    private final LocalDatabaseEnvironmentPostProcessor epp =
            new LocalDatabaseEnvironmentPostProcessor(new DeferredLogs());

    private static StandardEnvironment env(Map<String, Object> props) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", props));
        return env;
    }

    @Test
    void aConfiguredDatasourceIsLeftAlone() {
        StandardEnvironment env = env(Map.of("spring.datasource.url", "jdbc:postgresql://db.example:5432/broker"));
        epp.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/broker");
        assertThat(env.getPropertySources().contains(LocalDatabaseEnvironmentPostProcessor.SOURCE_NAME)).isFalse();
    }

    @Test
    void embeddedModeStartsAPostgresWhoseDataSurvivesInTheGivenDirectory(@TempDir Path dir) throws Exception {
        StandardEnvironment env = env(Map.of("broker.database.mode", "embedded",
                "broker.database.embedded-dir", dir.resolve("pg").toString(), "broker.database.name", "broker_epp_test"));
        epp.postProcessEnvironment(env, new SpringApplication());
        String url = env.getProperty("spring.datasource.url");
        assertThat(url).contains("/broker_epp_test");
        assertThat(env.getProperty("broker.database.resolved")).startsWith("embedded PostgreSQL");
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            assertThat(c.isValid(5)).isTrue();
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(dir.resolve("pg").resolve("PG_VERSION")).exists();
    }

    @Test
    void aBadDatabaseNameIsRefusedWithTheProperty() {
        StandardEnvironment env = env(Map.of("broker.database.name", "drop table;"));
        assertThatThrownBy(() -> epp.postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("broker.database.name");
    }

    @Test
    void localModeFailsClearlyWhenNothingListens() {
        StandardEnvironment env = env(Map.of("broker.database.mode", "local", "broker.database.local-port", "1"));
        assertThatThrownBy(() -> epp.postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("broker.database.mode=local");
    }
}
