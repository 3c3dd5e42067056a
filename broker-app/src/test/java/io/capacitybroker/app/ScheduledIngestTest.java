package io.capacitybroker.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The first catalog refresh is a Quartz job on the clustered JDBC job store, started with the broker:
 * offers appear without anyone asking, and Quartz keeps its state in the Flyway-created tables.
 */
@TestPropertySource(properties = {"broker.ingest.enabled=true", "broker.ingest.interval=PT1H", "broker.ingest.intervals.aws=PT30M"})
class ScheduledIngestTest extends BrokerIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theStartupRefreshRunsAsAClusteredQuartzJob() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        long runs = 0;
        while (Instant.now().isBefore(deadline)) {
            runs = jdbc.sql("SELECT count(*) FROM ingest_run WHERE status = 'succeeded' AND source_kind = 'prices' AND started_at > now() - interval '10 minutes'")
                    .query(Long.class).single();
            if (runs >= 4) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(runs).as("aws, gcp, azure and ovh refreshed by the job").isGreaterThanOrEqualTo(4);
        assertThat(json(get("/api/v1/offers?size=1")).path("totalItems").asLong()).isPositive();
        assertThat(jdbc.sql("SELECT job_name FROM qrtz_job_details WHERE job_group = 'ingest' ORDER BY job_name")
                .query(String.class).list())
                .as("one job per provider").containsExactly("refresh-aws", "refresh-azure", "refresh-gcp", "refresh-ovh");
        assertThat(jdbc.sql("SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = 'capacity-broker'").query(Long.class).single())
                .as("clustered schedulers check in").isPositive();
        // per-provider schedules: aws every 30 minutes, the others every hour
        assertThat(jdbc.sql("SELECT repeat_interval FROM qrtz_simple_triggers WHERE trigger_name = 'refresh-aws'")
                .query(Long.class).single()).isEqualTo(30 * 60 * 1000L);
        assertThat(jdbc.sql("SELECT repeat_interval FROM qrtz_simple_triggers WHERE trigger_name = 'refresh-gcp'")
                .query(Long.class).single()).isEqualTo(60 * 60 * 1000L);
    }
}
