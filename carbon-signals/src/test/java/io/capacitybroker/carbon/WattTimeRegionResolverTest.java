package io.capacitybroker.carbon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.testkit.postgres.PostgresTest;
import io.capacitybroker.testkit.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Region → WattTime region resolution against WattTime v3 on WireMock and the real PostgreSQL schema. */
@PostgresTest
class WattTimeRegionResolverTest {

    static final Instant T0 = Instant.parse("2026-11-22T15:05:00Z");
    static final GeoLocation DUBLIN = WattTimeStubs.position(ProviderId.AWS, "eu-west-1");
    static final GeoLocation VIRGINIA = WattTimeStubs.position(ProviderId.AWS, "us-east-1");
    static final GeoLocation GRAVELINES = WattTimeStubs.position(ProviderId.OVH, "GRA");
    static final GeoLocation BELGIUM = WattTimeStubs.position(ProviderId.GCP, "europe-west1");
    static final GeoLocation NETHERLANDS = WattTimeStubs.position(ProviderId.AZURE, "westeurope");
    static final GeoLocation N_CALIFORNIA = WattTimeStubs.position(ProviderId.AWS, "us-west-1");
    /** A position only the provider reported (the region has no row in the region map). */
    static final GeoLocation PORTLAND = new GeoLocation(45.52, -122.68);


    record Stored(String wattTimeRegion, String source, Instant resolvedAt, Instant checkedAt, String error) {
    }

    final MovableClock clock = new MovableClock(T0);
    WattTimeStubs wt;
    DataSource db;

    @BeforeEach
    void setUp() throws SQLException {
        wt = new WattTimeStubs();
        db = TestPostgres.migratedDatabase().dataSource();
        clean();
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
        }
    }

    WattTimeRegionResolver resolver(Duration recheck) {
        return new WattTimeRegionResolver(db, wt.source(clock), RegionMap.bundled(), clock, recheck);
    }

    WattTimeRegionResolver resolver() {
        return resolver(WattTimeRegionResolver.DEFAULT_RECHECK);
    }

    void region(String provider, String code, GeoLocation reported) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO region (provider_code, code, display_name, latitude, longitude) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, provider);
            ps.setString(2, code);
            ps.setString(3, code);
            ps.setObject(4, reported == null ? null : reported.latitude());
            ps.setObject(5, reported == null ? null : reported.longitude());
            ps.executeUpdate();
        }
    }

    void storeWattTime(String provider, String code, String wattTimeRegion, String source, Instant resolvedAt) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE region SET watttime_region = ?, watttime_region_source = ?, watttime_region_resolved_at = ?,
                       watttime_region_checked_at = ? WHERE provider_code = ? AND code = ?""")) {
            ps.setString(1, wattTimeRegion);
            ps.setString(2, source);
            ps.setObject(3, resolvedAt == null ? null : OffsetDateTime.ofInstant(resolvedAt, ZoneOffset.UTC));
            ps.setObject(4, resolvedAt == null ? null : OffsetDateTime.ofInstant(resolvedAt, ZoneOffset.UTC));
            ps.setString(5, provider);
            ps.setString(6, code);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    Stored stored(String provider, String code) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT watttime_region, watttime_region_source, watttime_region_resolved_at, watttime_region_checked_at,
                       watttime_region_error FROM region WHERE provider_code = ? AND code = ?""")) {
            ps.setString(1, provider);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                OffsetDateTime r = rs.getObject(3, OffsetDateTime.class);
                OffsetDateTime k = rs.getObject(4, OffsetDateTime.class);
                return new Stored(rs.getString(1), rs.getString(2), r == null ? null : r.toInstant(), k == null ? null : k.toInstant(),
                        rs.getString(5));
            }
        }
    }

    @Test
    void everyStoredRegionWithAPositionGetsItsWattTimeRegionWithProvenance() throws SQLException {
        region("aws", "eu-west-1", null);
        region("aws", "us-east-1", null);
        region("ovh", "GRA11", null);               // an owned site: its datacenter code resolves to the GRA row
        region("ovh", "GRA", null);                 // same position: one lookup for both
        region("aws", "il-central-1", null);        // no position in the map, none reported
        region("aws", "xx-reported-1", PORTLAND);   // not in the map: the position the provider reported
        region("aws", "us-west-1", null);           // the map's verified CAISO_NORTH: never asked
        wt.regionAt(DUBLIN, "IE");
        wt.regionAt(VIRGINIA, "PJM_DC");
        wt.regionAt(GRAVELINES, "FR");
        wt.regionAt(PORTLAND, "BPA");
        wt.regionAt(N_CALIFORNIA, "SOMEWHERE_ELSE");

        WattTimeRegionResolver.Result r = resolver().resolve();

        assertThat(r.error()).isNull();
        assertThat(r.regions()).isEqualTo(7);
        assertThat(r.verified()).isEqualTo(1);
        assertThat(r.withoutPosition()).isEqualTo(1);
        assertThat(r.asked()).isEqualTo(5);
        assertThat(r.resolved()).isEqualTo(5);
        assertThat(r.failed()).isZero();
        assertThat(stored("aws", "eu-west-1")).isEqualTo(new Stored("IE", "watttime_region_from_loc", T0, T0, null));
        assertThat(stored("aws", "us-east-1").wattTimeRegion()).isEqualTo("PJM_DC");
        assertThat(stored("ovh", "GRA11").wattTimeRegion()).isEqualTo("FR");
        assertThat(stored("ovh", "GRA").wattTimeRegion()).isEqualTo("FR");
        assertThat(wt.regionLookupsAt(GRAVELINES)).isEqualTo(1);
        assertThat(stored("aws", "xx-reported-1").wattTimeRegion()).isEqualTo("BPA");
        assertThat(stored("aws", "il-central-1")).isEqualTo(new Stored(null, null, null, null, null));
        assertThat(stored("aws", "us-west-1").wattTimeRegion()).isNull(); // RegionZoneSync copies the map's; never resolved
        assertThat(wt.regionLookupsAt(N_CALIFORNIA)).isZero();
        assertThat(wt.regionLookups()).isEqualTo(4);
        assertThat(wt.logins()).isEqualTo(1);

        // the service uses what is stored, with its provenance
        CarbonIntensityService s = new CarbonIntensityService(db, clock, java.util.List.of(new StaticYearlySource()), CarbonConfig.defaults());
        RegionZone ie = s.regionMap().find(ProviderId.AWS, "eu-west-1").orElseThrow();
        assertThat(ie.wattTimeRegion()).isEqualTo("IE");
        assertThat(ie.wattTimeSource()).isEqualTo(RegionZone.WATTTIME_FROM_LOCATION);
        assertThat(ie.wattTimeResolvedAt()).isEqualTo(T0);
        assertThat(s.regionMap().find(ProviderId.OVH, "GRA11").orElseThrow().wattTimeRegion()).isEqualTo("FR");
        RegionZone caiso = s.regionMap().find(ProviderId.AWS, "us-west-1").orElseThrow();
        assertThat(caiso.wattTimeRegion()).isEqualTo("CAISO_NORTH");
        assertThat(caiso.wattTimeSource()).isEqualTo(RegionZone.WATTTIME_FROM_REGION_MAP);
    }

    @Test
    void aFailingRegionStopsNeitherTheOthersNorErasesWhatIsStored() throws SQLException {
        region("aws", "us-east-1", null);
        region("aws", "eu-west-1", null);
        region("gcp", "europe-west1", null);
        region("azure", "westeurope", null);
        region("ovh", "GRA", null);
        storeWattTime("aws", "us-east-1", "PJM_DC", "watttime_region_from_loc", T0.minus(Duration.ofDays(40))); // due again
        wt.regionAtFails(VIRGINIA, 503, null);
        wt.regionAtFails(DUBLIN, 403, "watttime-error-403.json");
        wt.regionAtFails(BELGIUM, 404, "watttime-region-from-loc-not-found.json");
        wt.regionAtFails(GRAVELINES, 422, "watttime-validation-error-422.json");
        wt.regionAt(NETHERLANDS, "NL");

        WattTimeRegionResolver.Result r = resolver().resolve();

        assertThat(r.error()).isNull();
        assertThat(r.asked()).isEqualTo(5);
        assertThat(r.resolved()).isEqualTo(1);
        assertThat(r.failed()).isEqualTo(4);
        assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("aws:us-east-1: unavailable"));
        Stored virginia = stored("aws", "us-east-1");
        assertThat(virginia.wattTimeRegion()).isEqualTo("PJM_DC");
        assertThat(virginia.source()).isEqualTo("watttime_region_from_loc");
        assertThat(virginia.resolvedAt()).isEqualTo(T0.minus(Duration.ofDays(40)));
        assertThat(virginia.checkedAt()).isEqualTo(T0);
        assertThat(virginia.error()).startsWith("unavailable:").contains("503");
        assertThat(stored("aws", "eu-west-1").error()).startsWith("auth_failed:").contains("403").contains("plan");
        assertThat(stored("gcp", "europe-west1").error()).startsWith("not_found:");
        assertThat(stored("ovh", "GRA").error()).startsWith("invalid_request:");
        assertThat(stored("azure", "westeurope")).isEqualTo(new Stored("NL", "watttime_region_from_loc", T0, T0, null));
        assertThat(wt.regionLookupsAt(VIRGINIA)).as("5xx retried with backoff").isEqualTo(3);
        assertThat(wt.regionLookupsAt(DUBLIN)).as("403 not retried").isEqualTo(1);
        assertThat(wt.logins()).as("a 403 needs no new login").isEqualTo(1);

        // next run: the passing failure is asked again, the lasting ones and the fresh answer are not
        clock.now = T0.plus(Duration.ofMinutes(15));
        WattTimeRegionResolver.Result again = resolver().resolve();
        assertThat(again.asked()).isEqualTo(1);
        assertThat(again.upToDate()).isEqualTo(4);
        assertThat(wt.regionLookupsAt(VIRGINIA)).isEqualTo(6);
        assertThat(wt.regionLookupsAt(DUBLIN)).isEqualTo(1);
        assertThat(wt.regionLookupsAt(BELGIUM)).isEqualTo(1);
        assertThat(wt.regionLookupsAt(NETHERLANDS)).isEqualTo(1);
        assertThat(stored("aws", "us-east-1").wattTimeRegion()).isEqualTo("PJM_DC");
    }

    @Test
    void aVerifiedMappingIsNeverReplacedByAResolution() throws SQLException {
        region("aws", "us-west-1", null);
        region("aws", "eu-west-1", null);
        region("azure", "westus", null);
        storeWattTime("aws", "us-west-1", "CAISO_NORTH", "region_map", null);
        storeWattTime("aws", "eu-west-1", "IE_VERIFIED", "region_map", null);
        // an old resolution of a region the bundled map has since verified
        storeWattTime("azure", "westus", "RESOLVED_LONG_AGO", "watttime_region_from_loc", T0.minus(Duration.ofDays(90)));
        wt.server.stubFor(get(urlPathEqualTo("/v3/region-from-loc")).willReturn(okJson(Fixtures.read("watttime-region-from-loc-pjm-dc.json"))));

        WattTimeRegionResolver.Result r = resolver().resolve();

        assertThat(r.verified()).isEqualTo(3);
        assertThat(r.asked()).isZero();
        assertThat(wt.regionLookups()).isZero();
        assertThat(stored("aws", "us-west-1").wattTimeRegion()).isEqualTo("CAISO_NORTH");
        assertThat(stored("aws", "eu-west-1")).isEqualTo(new Stored("IE_VERIFIED", "region_map", null, null, null));
        // the service: a stored verified region applies, the map's verified one wins over a resolved one
        CarbonIntensityService s = new CarbonIntensityService(db, clock, java.util.List.of(new StaticYearlySource()), CarbonConfig.defaults());
        assertThat(s.regionMap().find(ProviderId.AWS, "eu-west-1").orElseThrow().wattTimeRegion()).isEqualTo("IE_VERIFIED");
        RegionZone westus = s.regionMap().find(ProviderId.AZURE, "westus").orElseThrow();
        assertThat(westus.wattTimeRegion()).isEqualTo("CAISO_NORTH");
        assertThat(westus.wattTimeSource()).isEqualTo(RegionZone.WATTTIME_FROM_REGION_MAP);
    }

    @Test
    void aResolvedRegionIsAskedAgainOnlyAfterTheRecheckPeriod() throws SQLException {
        region("aws", "eu-west-1", null);
        region("gcp", "europe-west1", null);
        wt.regionAt(DUBLIN, "IE");
        wt.regionAtFails(BELGIUM, 404, "watttime-region-from-loc-not-found.json");
        assertThat(resolver().resolve().resolved()).isEqualTo(1);

        clock.now = T0.plus(Duration.ofDays(29));
        WattTimeRegionResolver.Result early = resolver().resolve();
        assertThat(early.asked()).isZero();
        assertThat(early.upToDate()).isEqualTo(2);
        assertThat(wt.regionLookupsAt(DUBLIN)).isEqualTo(1);
        assertThat(wt.regionLookupsAt(BELGIUM)).isEqualTo(1);

        // WattTime moved its boundaries meanwhile
        wt.regionAt(DUBLIN, "IE_NEW");
        wt.regionAt(BELGIUM, "BE");
        clock.now = T0.plus(Duration.ofDays(30));
        WattTimeRegionResolver.Result due = resolver().resolve();
        assertThat(due.asked()).isEqualTo(2);
        assertThat(due.resolved()).isEqualTo(2);
        assertThat(due.changed()).isEqualTo(1);
        assertThat(stored("aws", "eu-west-1")).isEqualTo(new Stored("IE_NEW", "watttime_region_from_loc", clock.now, clock.now, null));
        assertThat(stored("gcp", "europe-west1").wattTimeRegion()).isEqualTo("BE");

        // the period is configurable
        clock.now = T0.plus(Duration.ofDays(38));
        assertThat(resolver().resolve().asked()).isZero();
        assertThat(resolver(Duration.ofDays(7)).resolve().asked()).isEqualTo(2);
    }

    @Test
    void aRefusedLoginStopsTheRunAndTouchesNoRegion() throws SQLException {
        region("aws", "eu-west-1", null);
        region("aws", "us-east-1", null);
        wt.server.resetAll();
        wt.server.stubFor(get(urlPathEqualTo("/login")).willReturn(aResponse().withStatus(401)));
        wt.regionAt(DUBLIN, "IE");
        wt.regionAt(VIRGINIA, "PJM_DC");

        WattTimeRegionResolver.Result r = resolver().resolve();

        assertThat(r.error()).startsWith("auth_failed");
        assertThat(r.asked()).isZero();
        assertThat(r.failed()).isZero();
        assertThat(wt.logins()).isEqualTo(1);
        assertThat(wt.regionLookups()).isZero();
        assertThat(stored("aws", "eu-west-1")).isEqualTo(new Stored(null, null, null, null, null));
    }
}
