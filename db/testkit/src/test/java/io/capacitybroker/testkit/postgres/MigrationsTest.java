package io.capacitybroker.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The migrations build the whole schema on an empty PostgreSQL, validate, and the schema keeps the
 * rules the rest of the broker relies on. Fails if any migration is broken.
 */
@PostgresTest
class MigrationsTest {

    @Test
    void migrationsApplyCleanlyAndValidate() throws SQLException {
        TestPostgres.TestDatabase db = TestPostgres.database();
        Flyway flyway = Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration").load();
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        flyway.validate();
        assertThat(flyway.migrate().migrationsExecuted).as("second migrate is a no-op").isZero();
        assertThat(tables(db)).contains("provider", "region", "instance_type", "offer", "offer_price", "price_observation",
                "capacity_signal", "carbon_intensity_observation", "owned_node", "lease", "workload", "placement",
                "stored_plan", "action", "budget", "audit_log", "ingest_run",
                "qrtz_job_details", "qrtz_triggers", "qrtz_locks", "qrtz_scheduler_state", "qrtz_fired_triggers");
    }

    @Test
    void priceObservationsArePartitionedByMonth() throws SQLException {
        TestPostgres.TestDatabase db = TestPostgres.migratedDatabase();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT ensure_monthly_partitions('price_observation', '2026-01-15T00:00:00Z', '2026-04-01T00:00:00Z')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT ensure_monthly_partitions('price_observation', '2026-01-15T00:00:00Z', '2026-04-01T00:00:00Z')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("idempotent").isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_inherits WHERE inhparent = 'price_observation'::regclass")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(4); // default + 3 months
            }
        }
    }

    @Test
    void schemaRejectsInconsistentRows() throws SQLException {
        TestPostgres.TestDatabase db = TestPostgres.migratedDatabase();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO region (provider_code, code, display_name) VALUES ('aws', 'xx-test-1', 'test') ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO instance_type (provider_code, name, vcpus, memory_gib) VALUES ('aws', 'zz.test', 2, 8) ON CONFLICT DO NOTHING");
            String offer = "INSERT INTO offer (offer_key, provider_code, region_id, instance_type_id, market, "
                    + "interruption_rate_per_hour) SELECT 'k-%s', 'aws', r.id, t.id, '%s', %s FROM region r, instance_type t "
                    + "WHERE r.code = 'xx-test-1' AND t.name = 'zz.test'";
            // an on-demand pool cannot have an interruption rate
            assertThatThrownBy(() -> st.execute(offer.formatted("1", "on_demand", "0.01"))).isInstanceOf(SQLException.class);
            // an unknown market is refused
            assertThatThrownBy(() -> st.execute(offer.formatted("3", "reserved", "null"))).isInstanceOf(SQLException.class);
            st.execute(offer.formatted("4", "spot", "0.01"));
            String price = "INSERT INTO offer_price (offer_id, price_per_hour, currency, price_observed_at, price_fetched_at, "
                    + "price_source) SELECT id, %s, 'USD', now(), now(), 'test' FROM offer WHERE offer_key = 'k-4'";
            // a negative price is refused
            assertThatThrownBy(() -> st.execute(price.formatted("-0.1"))).isInstanceOf(SQLException.class);
            st.execute(price.formatted("0.1"));
            // a price belongs to an existing offer
            assertThatThrownBy(() -> st.execute("INSERT INTO offer_price VALUES (-1, 0.1, 'USD', now(), now(), 'x')"))
                    .isInstanceOf(SQLException.class);
            // a provider code must be lower-case
            assertThatThrownBy(() -> st.execute("INSERT INTO provider (code, display_name) VALUES ('AWS', 'x')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    private static List<String> tables(TestPostgres.TestDatabase db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
