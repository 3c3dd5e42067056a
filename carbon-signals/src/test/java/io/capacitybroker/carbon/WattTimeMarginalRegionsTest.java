package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.testkit.postgres.PostgresTest;
import io.capacitybroker.testkit.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resolved WattTime regions drive the marginal signal, end to end through PostgreSQL: resolution, the MOER
 * refresh of every WattTime region in use, and a region outside the account's plan (HTTP 403) that keeps
 * falling back to the average signal, says why, and is not asked again on every refresh.
 */
@PostgresTest
class WattTimeMarginalRegionsTest {

    final MovableClock clock = new MovableClock(WattTimeRegionResolverTest.T0);
    WattTimeStubs wt;
    DataSource db;

    @BeforeEach
    void setUp() throws SQLException {
        wt = new WattTimeStubs();
        db = TestPostgres.migratedDatabase().dataSource();
        clean();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO region (provider_code, code, display_name) VALUES ('aws', 'eu-west-1', 'Ireland'),"
                    + " ('aws', 'us-east-1', 'N. Virginia'), ('azure', 'westeurope', 'West Europe')");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        wt.close();
        clean();
    }

    private void clean() throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM region");
            st.execute("DELETE FROM carbon_zone_access_denied");
            st.execute("TRUNCATE carbon_intensity_observation, ingest_run");
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void resolvedRegionsGetTheirMoerAndARegionOutsideThePlanSaysWhy() throws SQLException {
        WattTimeSource source = wt.source(clock);
        CarbonIntensityService service = new CarbonIntensityService(db, clock, List.of(source, new StaticYearlySource()),
                CarbonConfig.defaults().withPolicy(SignalType.MARGINAL));
        WattTimeRegionResolver resolver = new WattTimeRegionResolver(db, source, service.bundledRegionMap(), clock,
                WattTimeRegionResolver.DEFAULT_RECHECK);
        wt.regionAt(WattTimeRegionResolverTest.DUBLIN, "IE");
        wt.regionAt(WattTimeRegionResolverTest.VIRGINIA, "PJM_DC");
        wt.regionAt(WattTimeRegionResolverTest.NETHERLANDS, "NL");
        wt.forecast("CAISO_NORTH", clock.now, 900);
        wt.forecast("IE", clock.now, 700);
        wt.forecast("PJM_DC", clock.now, 1100);
        wt.forecastForbidden("NL");

        // before: Ireland has no WattTime region, the marginal policy falls back and says so
        ResolvedIntensity before = service.current(ProviderId.AWS, "eu-west-1");
        assertThat(before.signal()).isEqualTo(SignalType.AVERAGE);
        assertThat(before.note()).contains("no WattTime region mapped");

        assertThat(resolver.resolve().resolved()).isEqualTo(3);
        CarbonIntensityService.RefreshResult r = service.refresh(WattTimeSource.NAME);

        // the MOER of every distinct WattTime region in use, the bundled one included
        assertThat(r.succeeded()).isTrue();
        assertThat(r.zonesAsked()).isEqualTo(4);
        assertThat(r.zonesNoAccess()).isEqualTo(1);
        assertThat(r.zonesFailed()).isZero();
        assertThat(wt.forecastsOf("IE")).isEqualTo(1);
        assertThat(wt.forecastsOf("PJM_DC")).isEqualTo(1);
        assertThat(wt.forecastsOf("CAISO_NORTH")).isEqualTo(1);
        assertThat(wt.forecastsOf("NL")).as("a 403 is not retried").isEqualTo(1);
        assertThat(count("SELECT count(DISTINCT grid_zone) FROM carbon_intensity_observation WHERE signal = 'marginal'")).isEqualTo(3);

        ResolvedIntensity ie = service.current(ProviderId.AWS, "eu-west-1");
        assertThat(ie.signal()).isEqualTo(SignalType.MARGINAL);
        assertThat(ie.zone()).isEqualTo("IE");
        assertThat(ie.source()).isEqualTo(WattTimeSource.NAME);
        assertThat(ie.gco2PerKwh()).isCloseTo(700 * WattTimeSource.LBS_PER_MWH_TO_G_PER_KWH, within(0.001));
        assertThat(ie.fallback()).isEqualTo(FallbackLevel.NONE);
        assertThat(ie.note()).doesNotContain("average signal used");
        assertThat(ie.region().wattTimeSource()).isEqualTo(RegionZone.WATTTIME_FROM_LOCATION);

        ResolvedIntensity nl = service.current(ProviderId.AZURE, "westeurope");
        assertThat(nl.signal()).isEqualTo(SignalType.AVERAGE);
        assertThat(nl.zone()).isEqualTo("NL");
        assertThat(nl.note()).contains("WattTime region NL is not in this account's WattTime plan (HTTP 403")
                .contains("average signal used");
        assertThat(count("SELECT count(*) FROM carbon_zone_access_denied WHERE source = 'watttime' AND zone = 'NL'")).isEqualTo(1);

        // the next refreshes do not ask for NL again, and the note stays
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        CarbonIntensityService.RefreshResult next = service.refresh(WattTimeSource.NAME);
        assertThat(next.zonesAsked()).isEqualTo(3);
        assertThat(next.zonesSkipped()).isEqualTo(1);
        assertThat(wt.forecastsOf("NL")).isEqualTo(1);
        assertThat(wt.forecastsOf("IE")).isEqualTo(2);
        assertThat(service.current(ProviderId.AZURE, "westeurope").note()).contains("not in this account's WattTime plan");

        // after the re-check period it is asked again; the plan now covers it
        clock.now = clock.now.plus(CarbonConfig.DEFAULT_NO_ACCESS_RECHECK);
        wt.forecast("NL", clock.now, 500);
        CarbonIntensityService.RefreshResult later = service.refresh(WattTimeSource.NAME);
        assertThat(later.zonesAsked()).isEqualTo(4);
        assertThat(later.zonesNoAccess()).isZero();
        assertThat(wt.forecastsOf("NL")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM carbon_zone_access_denied")).isZero();
        ResolvedIntensity nlNow = service.current(ProviderId.AZURE, "westeurope");
        assertThat(nlNow.signal()).isEqualTo(SignalType.MARGINAL);
        assertThat(nlNow.gco2PerKwh()).isCloseTo(500 * WattTimeSource.LBS_PER_MWH_TO_G_PER_KWH, within(0.001));
    }

    @Test
    void aStoredMappingIsPickedUpWithoutANewService() throws SQLException {
        CarbonIntensityService service = new CarbonIntensityService(db, clock, List.of(new StaticYearlySource()),
                CarbonConfig.defaults().withPolicy(SignalType.MARGINAL));
        assertThat(service.regionMap().find(ProviderId.AWS, "us-east-1").orElseThrow().wattTime()).isEmpty();
        // another instance resolved it
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE region SET watttime_region = 'PJM_DC', watttime_region_source = 'watttime_region_from_loc',"
                    + " watttime_region_resolved_at = now() WHERE provider_code = 'aws' AND code = 'us-east-1'");
        }
        assertThat(service.reloadRegions().find(ProviderId.AWS, "us-east-1").orElseThrow().wattTimeRegion()).isEqualTo("PJM_DC");
        assertThat(service.current(ProviderId.AWS, "us-east-1").note()).contains("no marginal (WattTime) value for PJM_DC");
    }
}
