package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.capacitybroker.carbon.CarbonIntensityService.RegionRef;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import io.capacitybroker.provider.simulated.SimulationConfig;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.testkit.postgres.PostgresTest;
import io.capacitybroker.testkit.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service against the real PostgreSQL schema. */
@PostgresTest
class CarbonIntensityServiceTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");


    /** An in-memory source whose answers the test writes. */
    static final class FakeSource implements CarbonSource {
        final String name;
        final SignalType signal;
        final Set<String> zones;
        Function<String, List<IntensityObservation>> answer = z -> List.of();
        final List<String> asked = new ArrayList<>();

        FakeSource(String name, SignalType signal, Set<String> zones) {
            this.name = name;
            this.signal = signal;
            this.zones = zones;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SignalType signal() {
            return signal;
        }

        @Override
        public String emissionFactor() {
            if (name.equals(UkCarbonIntensitySource.NAME)) {
                return "direct";
            }
            return signal == SignalType.MARGINAL ? "marginal-operational" : "lifecycle";
        }

        @Override
        public Set<String> zonesFor(Collection<RegionZone> regions) {
            Set<String> s = new TreeSet<>();
            for (RegionZone r : regions) {
                String z = signal == SignalType.MARGINAL ? r.wattTimeRegion() : r.gridZone();
                if (z != null && zones.contains(z)) {
                    s.add(z);
                }
                // the UK source also serves the regional series of British sites (as the real one does)
                if (name.equals(UkCarbonIntensitySource.NAME)) {
                    UkCarbonIntensitySource.ukRegionId(r).ifPresent(id -> {
                        if (zones.contains(UkCarbonIntensitySource.regionalZone(id))) {
                            s.add(UkCarbonIntensitySource.regionalZone(id));
                        }
                    });
                }
            }
            return s;
        }

        @Override
        public List<IntensityObservation> fetch(String zone, Instant now) {
            asked.add(zone);
            return answer.apply(zone);
        }
    }

    private DataSource db;
    private MovableClock clock;
    private FakeSource em;
    private FakeSource wt;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.migratedDatabase().dataSource();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE carbon_intensity_observation, ingest_run");
        }
        clock = new MovableClock(T0);
        em = new FakeSource(ElectricityMapsSource.NAME, SignalType.AVERAGE, Set.of("IE", "BE", "FR", "PL", "US-CAL-CISO"));
        wt = new FakeSource(WattTimeSource.NAME, SignalType.MARGINAL, Set.of("CAISO_NORTH"));
    }

    private CarbonIntensityService service(CarbonConfig config) {
        return new CarbonIntensityService(db, clock, List.of(em, wt, new StaticYearlySource()), config);
    }

    private CarbonIntensityService service() {
        return service(CarbonConfig.defaults());
    }

    static IntensityObservation obs(String zone, SignalType s, ObservationKind k, Instant at, Instant fetched, double v, String src) {
        return new IntensityObservation(zone, s, k, at, fetched, v, src);
    }

    /** IE 300 now, forecast 250 / 120 / 400 for the next hours; others: constant. */
    private void answerNow() {
        Instant now = clock.instant();
        Map<String, Double> level = Map.of("IE", 300.0, "BE", 150.0, "FR", 30.0, "PL", 600.0, "US-CAL-CISO", 220.0);
        em.answer = z -> {
            List<IntensityObservation> out = new ArrayList<>();
            out.add(obs(z, SignalType.AVERAGE, ObservationKind.ACTUAL, now.minus(Duration.ofMinutes(20)), now, level.get(z), em.name));
            if (z.equals("IE")) {
                double[] f = {250, 120, 400};
                for (int i = 0; i < f.length; i++) {
                    out.add(obs(z, SignalType.AVERAGE, ObservationKind.FORECAST, now.plus(Duration.ofHours(i + 1)), now, f[i], em.name));
                }
            }
            return out;
        };
        wt.answer = z -> List.of(obs(z, SignalType.MARGINAL, ObservationKind.ACTUAL, now.minus(Duration.ofMinutes(5)), now, 410.0, wt.name),
                obs(z, SignalType.MARGINAL, ObservationKind.FORECAST, now.plus(Duration.ofHours(2)), now, 90.0, wt.name));
    }

    @Test
    void refreshStoresLatestAndForecastWithProvenanceInMonthlyPartitions() throws SQLException {
        answerNow();
        CarbonIntensityService s = service();
        CarbonIntensityService.RefreshResult r = s.refresh(em);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.zonesAsked()).isEqualTo(5);
        assertThat(r.observationsWritten()).isEqualTo(5 + 3);
        assertThat(count("SELECT count(*) FROM carbon_intensity_observation WHERE source = 'electricitymaps' AND fetched_at = '"
                + T0 + "'")).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM carbon_intensity_observation_default")).isZero();
        assertThat(count("SELECT count(*) FROM ingest_run WHERE source_kind = 'carbon' AND source = 'electricitymaps' AND status = 'succeeded'"
                + " AND observations_written = 8")).isEqualTo(1);
        // refreshing again with the same hours updates instead of duplicating
        clock.now = T0.plusSeconds(60);
        s.refresh(em);
        assertThat(count("SELECT count(*) FROM carbon_intensity_observation WHERE source = 'electricitymaps'")).isEqualTo(8);
        assertThat(s.lastRefreshes().get("electricitymaps")).isPresent();
    }

    @Test
    void staticYearlySourceFillsEveryMappedZoneAcrossYears() throws SQLException {
        CarbonIntensityService s = service();
        CarbonIntensityService.RefreshResult r = s.refresh(YearlyIntensities.SOURCE);
        int zones = RegionMap.bundled().gridZones().size();
        assertThat(r.zonesAsked()).isEqualTo(zones);
        assertThat(r.observationsWritten()).isEqualTo(zones * 5);
        assertThat(count("SELECT count(*) FROM carbon_intensity_observation_default")).isZero();
        assertThat(count("SELECT count(DISTINCT grid_zone) FROM carbon_intensity_observation WHERE kind = 'yearly_average'")).isEqualTo(zones);
    }

    @Test
    void currentIsFreshThenLastKnownThenYearlyAndSaysSo() {
        answerNow();
        CarbonIntensityService s = service();
        s.refresh(em);

        ResolvedIntensity fresh = s.current(ProviderId.AWS, "eu-west-1");
        assertThat(fresh.gco2PerKwh()).isEqualTo(300);
        assertThat(fresh.zone()).isEqualTo("IE");
        assertThat(fresh.fallback()).isEqualTo(FallbackLevel.NONE);
        assertThat(fresh.isFallback()).isFalse();
        assertThat(fresh.source()).isEqualTo("electricitymaps");
        assertThat(fresh.observedAt()).isEqualTo(T0.minus(Duration.ofMinutes(20)));
        assertThat(fresh.age()).isEqualTo(Duration.ofMinutes(20));

        clock.now = T0.plus(Duration.ofHours(5)); // the source went silent
        ResolvedIntensity stale = s.current(ProviderId.AWS, "eu-west-1");
        assertThat(stale.fallback()).isEqualTo(FallbackLevel.LAST_KNOWN);
        assertThat(stale.gco2PerKwh()).isEqualTo(300);
        assertThat(stale.age()).isEqualTo(Duration.ofMinutes(5 * 60 + 20));
        assertThat(stale.note()).contains("last known value used").contains("5 h");

        clock.now = T0.plus(Duration.ofDays(8));
        ResolvedIntensity yearly = s.current(ProviderId.AWS, "eu-west-1");
        assertThat(yearly.fallback()).isEqualTo(FallbackLevel.YEARLY_AVERAGE);
        assertThat(yearly.kind()).isEqualTo(ObservationKind.YEARLY_AVERAGE);
        assertThat(yearly.source()).isEqualTo("electricitymaps-yearly");
        assertThat(yearly.gco2PerKwh()).isEqualTo(YearlyIntensities.bundled().latest("IE").orElseThrow().gco2PerKwh());
        assertThat(yearly.note()).contains("yearly average");

        // a zone no source ever served: yearly straight away (the embedded default shows real numbers)
        ResolvedIntensity de = s.current(ProviderId.AZURE, "germanywestcentral");
        assertThat(de.fallback()).isEqualTo(FallbackLevel.YEARLY_AVERAGE);
        assertThat(de.zone()).isEqualTo("DE");
        assertThat(de.gco2PerKwh()).isGreaterThan(100);
    }

    @Test
    void ukFiguresAreFlaggedAsDirectEmissions() {
        FakeSource uk = new FakeSource(UkCarbonIntensitySource.NAME, SignalType.AVERAGE, Set.of("GB"));
        uk.answer = z -> List.of(obs(z, SignalType.AVERAGE, ObservationKind.ACTUAL, T0.minus(Duration.ofMinutes(10)), T0, 181, uk.name));
        CarbonIntensityService s = new CarbonIntensityService(db, clock, List.of(uk), CarbonConfig.defaults());
        s.refresh(uk);
        ResolvedIntensity gb = s.current(ProviderId.AWS, "eu-west-2");
        assertThat(gb.gco2PerKwh()).isEqualTo(181);
        assertThat(gb.emissionFactor()).isEqualTo("direct");
        assertThat(gb.note()).contains("operational (direct) emissions only");
    }

    @Test
    void londonRegionsForecastWithTheUkRegionalSeries() {
        FakeSource uk = new FakeSource(UkCarbonIntensitySource.NAME, SignalType.AVERAGE, Set.of("GB", "GB-R13"));
        uk.answer = z -> z.equals("GB")
                ? List.of(obs(z, SignalType.AVERAGE, ObservationKind.ACTUAL, T0.minus(Duration.ofMinutes(10)), T0, 181, uk.name),
                        obs(z, SignalType.AVERAGE, ObservationKind.FORECAST, T0.plus(Duration.ofHours(1)), T0, 190, uk.name))
                : List.of(obs(z, SignalType.AVERAGE, ObservationKind.FORECAST, T0.plus(Duration.ofHours(1)), T0, 150, uk.name),
                        obs(z, SignalType.AVERAGE, ObservationKind.FORECAST, T0.plus(Duration.ofHours(3)), T0, 60, uk.name));
        CarbonIntensityService s = new CarbonIntensityService(db, clock, List.of(uk), CarbonConfig.defaults());
        s.refresh(uk);
        assertThat(uk.asked).contains("GB", "GB-R13");
        // aws eu-west-2 is in London: the regional series; Cardiff (azure ukwest) has none stored: the national one
        assertThat(s.forecast(ProviderId.AWS, "eu-west-2", 6).points()).extracting(IntensityObservation::gco2PerKwh)
                .containsExactly(150.0, 60.0);
        assertThat(s.forecast(ProviderId.AZURE, "ukwest", 6).points()).extracting(IntensityObservation::gco2PerKwh)
                .containsExactly(190.0);
        CarbonIntensityService.RegionRanking london = s.bestRegions(List.of(RegionRef.parse("aws:eu-west-2")), 6).getFirst();
        assertThat(london.bestGco2PerKwh()).isEqualTo(60);
        assertThat(london.bestAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
    }

    @Test
    void unknownRegionsAreRejected() {
        CarbonIntensityService s = service();
        assertThatThrownBy(() -> s.current(ProviderId.AWS, "mars-north-1")).isInstanceOf(UnknownRegionException.class)
                .hasMessageContaining("aws:mars-north-1");
        assertThatThrownBy(() -> s.bestRegions(List.of(RegionRef.parse("aws:eu-west-1"), RegionRef.parse("gcp:moon1")), 0))
                .isInstanceOfSatisfying(UnknownRegionException.class, e -> assertThat(e.regions()).containsExactly("gcp:moon1"));
    }

    @Test
    void averageAndMarginalAreStoredApartAndThePolicyChooses() {
        answerNow();
        CarbonIntensityService avg = service();
        avg.refresh(em);
        avg.refresh(wt);
        assertThat(avg.current(ProviderId.AWS, "us-west-1").gco2PerKwh()).isEqualTo(220);
        CarbonIntensityService marginal = service(CarbonConfig.defaults().withPolicy(SignalType.MARGINAL));
        ResolvedIntensity m = marginal.current(ProviderId.AWS, "us-west-1");
        assertThat(m.signal()).isEqualTo(SignalType.MARGINAL);
        assertThat(m.zone()).isEqualTo("CAISO_NORTH");
        assertThat(m.gco2PerKwh()).isEqualTo(410);
        assertThat(m.emissionFactor()).isEqualTo("marginal-operational");
        // no WattTime region for Ireland: average, and the note says so
        ResolvedIntensity ie = marginal.current(ProviderId.AWS, "eu-west-1");
        assertThat(ie.signal()).isEqualTo(SignalType.AVERAGE);
        assertThat(ie.note()).contains("no WattTime region mapped");
    }

    @Test
    void forecastAndBestRegions() {
        answerNow();
        CarbonIntensityService s = service();
        s.refresh(em);
        CarbonIntensityService.RegionForecast f = s.forecast(ProviderId.AWS, "eu-west-1", 6);
        assertThat(f.points()).extracting(IntensityObservation::gco2PerKwh).containsExactly(250.0, 120.0, 400.0);
        assertThat(s.forecast(ProviderId.AWS, "eu-west-1", 2).points()).extracting(IntensityObservation::gco2PerKwh).containsExactly(250.0);

        List<RegionRef> set = List.of(RegionRef.parse("aws:eu-west-1"), RegionRef.parse("gcp:europe-west1"), RegionRef.parse("aws:eu-west-3"),
                RegionRef.parse("azure:polandcentral"));
        List<CarbonIntensityService.RegionRanking> now = s.bestRegions(set, 0);
        assertThat(now).extracting(r -> r.region().ref()).containsExactly("aws:eu-west-3", "gcp:europe-west1", "aws:eu-west-1",
                "azure:polandcentral");
        // within 6 h Ireland drops to 120 at T0+2h: still behind France (30) and Belgium (150 → ahead of Ireland now)
        List<CarbonIntensityService.RegionRanking> window = s.bestRegions(set, 6);
        assertThat(window).extracting(r -> r.region().ref()).containsExactly("aws:eu-west-3", "aws:eu-west-1", "gcp:europe-west1",
                "azure:polandcentral");
        CarbonIntensityService.RegionRanking ie = window.get(1);
        assertThat(ie.bestGco2PerKwh()).isEqualTo(120);
        assertThat(ie.bestAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(ie.windowMeanGco2PerKwh()).isCloseTo((250 + 120 + 400) / 3.0, within(1e-9));
    }

    @Test
    void gramsPerHourIsTraceableToSignalAndPowerModel() {
        answerNow();
        CarbonIntensityService s = service();
        s.refresh(em);
        CarbonBreakdown b = s.gramsPerHour(NodeSpec.of(ProviderId.AWS, "eu-west-1", 2, 8));
        assertThat(b.gramsPerHour()).isCloseTo(7.376 * 1.135 * 300 / 1000, within(1e-9));
        assertThat(b.intensity().zone()).isEqualTo("IE");
        assertThat(b.intensity().source()).isEqualTo("electricitymaps");
        assertThat(b.intensity().observedAt()).isEqualTo(T0.minus(Duration.ofMinutes(20)));
        assertThat(b.intensity().fallback()).isEqualTo(FallbackLevel.NONE);
        assertThat(b.intensity().region().source()).isNotBlank();
        assertThat(b.power().pue()).isEqualTo(1.135);
        assertThat(b.power().utilisation()).isEqualTo(0.5);
        assertThat(s.co2GramsPerHour(ProviderId.AWS, "eu-west-1", 2, 8, null, null)).isEqualTo(b.gramsPerHour());
        assertThat(s.co2GramsPerHour(ProviderId.OVH, "GRA", 32, 128, 200.0, 1.3))
                .isCloseTo(200 * 1.3 * 30 / 1000, within(1e-9)); // FR is 30 g/kWh in this test's source
        assertThat(s.describe()).contains("average signal").contains("electricitymaps");
    }

    @Test
    void offersAndOwnedMachinesForThePlanner() {
        SimulatedCloud cloud = new SimulatedCloud(SimulationConfig.defaults().withRegionAllowList(Set.of("eu-west-1", "europe-west1")), clock);
        List<Offer> offers = new ArrayList<>(cloud.adapter(ProviderId.AWS).listOffers(OfferFilter.all()));
        offers.addAll(cloud.adapter(ProviderId.GCP).listOffers(OfferFilter.all()));
        CarbonIntensityService s = service(CarbonConfig.defaults().withOwnedMachines(
                Map.of("ovh-gra-bm-01", new CarbonConfig.OwnedPower(150.0, 1.3))));
        Map<String, CarbonBreakdown> byId = s.gramsPerHourByOfferId(offers);
        assertThat(byId).hasSize(offers.size());
        Offer first = offers.getFirst();
        assertThat(byId.get(first.key().id()).gramsPerHour()).isCloseTo(s.gramsPerHour(first).gramsPerHour(), within(1e-9)).isPositive();

        List<OwnedMachine> owned = cloud.adapter(ProviderId.OVH).listOwnedMachines();
        Map<String, Double> grams = new HashMap<>();
        for (OwnedMachine m : owned) {
            CarbonBreakdown b = s.gramsPerHour(m);
            grams.put(m.id(), b.gramsPerHour());
            assertThat(b.intensity().zone()).isEqualTo("FR");
        }
        double fr = YearlyIntensities.bundled().latest("FR").orElseThrow().gco2PerKwh();
        assertThat(grams.get("ovh-gra-bm-01")).isCloseTo(150 * 1.3 * fr / 1000, within(1e-9));
        assertThat(s.gramsPerHour(owned.get(1)).power().measured()).isFalse();
    }

    @Test
    void embodiedEmissionsAreAnOption() {
        SimulatedCloud cloud = new SimulatedCloud(SimulationConfig.defaults().withRegionAllowList(Set.of("eu-west-1")), clock);
        List<Offer> offers = cloud.adapter(ProviderId.AWS).listOffers(OfferFilter.all());
        Map<String, CarbonBreakdown> without = service().gramsPerHourByOfferId(offers);
        Map<String, CarbonBreakdown> with = service(CarbonConfig.defaults().withEmbodied(true)).gramsPerHourByOfferId(offers);
        assertThat(without.values()).allSatisfy(b -> assertThat(b.embodiedGramsPerHour()).isZero());
        long counted = with.values().stream().filter(b -> b.embodiedGramsPerHour() > 0).count();
        assertThat(counted).isGreaterThan(offers.size() / 2);
        Offer m5 = offers.stream().filter(o -> o.shape().instanceType().equals("m5.large")).findFirst().orElseThrow();
        CarbonBreakdown b = with.get(m5.key().id());
        assertThat(b.gramsPerHour()).isCloseTo(b.operationalGramsPerHour() + b.embodiedGramsPerHour(), within(1e-12));
        assertThat(b.operationalGramsPerHour()).isEqualTo(without.get(m5.key().id()).gramsPerHour());
        assertThat(b.formula()).contains("CCF m5.large");
    }

    @Test
    void aFailingSourceKeepsTheLastGoodDataAndIsRecorded() throws SQLException {
        answerNow();
        CarbonIntensityService s = service();
        s.refresh(em);
        clock.now = T0.plus(Duration.ofHours(1));
        em.answer = z -> {
            if (z.equals("IE")) {
                throw new ProviderException.Unavailable("down", "http_503", null);
            }
            return List.of(obs(z, SignalType.AVERAGE, ObservationKind.ACTUAL, clock.now, clock.now, 42, em.name));
        };
        CarbonIntensityService.RefreshResult partial = s.refresh(em);
        assertThat(partial.succeeded()).isTrue();
        assertThat(partial.zonesFailed()).isEqualTo(1);
        assertThat(partial.failures()).singleElement().asString().startsWith("IE: unavailable");
        assertThat(s.current(ProviderId.AWS, "eu-west-1").gco2PerKwh()).isEqualTo(300);

        em.answer = z -> {
            throw new ProviderException.AuthFailed("bad token", "http_401", null);
        };
        em.asked.clear();
        CarbonIntensityService.RefreshResult auth = s.refresh(em);
        assertThat(auth.succeeded()).isFalse();
        assertThat(em.asked).hasSize(1); // stops at the first auth failure
        assertThat(count("SELECT count(*) FROM ingest_run WHERE source = 'electricitymaps' AND status = 'failed' AND error LIKE 'auth_failed%'"))
                .isEqualTo(1);
        assertThat(s.current(ProviderId.AWS, "eu-west-1").gco2PerKwh()).isEqualTo(300);
    }

    @Test
    void withoutAnyKeyTheStaticDefaultGivesRealNumbers() {
        // the static source and the service need no network; the HTTP adapters are covered by their own tests
        CarbonIntensityService s = new CarbonIntensityService(db, clock, List.of(new StaticYearlySource()), CarbonConfig.defaults());
        s.refresh(YearlyIntensities.SOURCE);
        ResolvedIntensity r = s.current(ProviderId.OVH, "GRA");
        assertThat(r.fallback()).isEqualTo(FallbackLevel.YEARLY_AVERAGE);
        assertThat(r.zone()).isEqualTo("FR");
        assertThat(s.history(ProviderId.OVH, "GRA", 24)).isEmpty();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
