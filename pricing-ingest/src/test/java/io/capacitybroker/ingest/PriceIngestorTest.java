package io.capacitybroker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import io.capacitybroker.provider.simulated.SimulationClock;
import io.capacitybroker.provider.simulated.SimulationConfig;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.RentRequest;
import io.capacitybroker.testkit.postgres.PostgresTest;
import io.capacitybroker.testkit.postgres.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingest against the real PostgreSQL schema and the simulated cloud on the bundled catalogs. */
@PostgresTest
class PriceIngestorTest {

    private static final Set<String> REGIONS = Set.of("eu-west-1", "us-east-1", "europe-west1", "westeurope");

    private DataSource db;
    private Db sql;
    private SimulationClock clock;
    private SimulatedCloud cloud;
    private PriceIngestor ingestor;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.migratedDatabase().dataSource();
        sql = new Db(db);
        sql.resetCatalog();
        clock = SimulationClock.startingAt(Instant.parse("2026-11-23T10:15:00Z"));
        cloud = cloud(REGIONS);
        ingestor = new PriceIngestor(db, clock);
    }

    private SimulatedCloud cloud(Set<String> regions) {
        return new SimulatedCloud(SimulationConfig.defaults().withRegionAllowList(regions), clock);
    }

    @Test
    void firstRefreshStoresEveryOfferWithItsPriceAndProvenance() throws SQLException {
        ProviderAdapter aws = cloud.adapter(ProviderId.AWS);
        List<Offer> listed = aws.listOffers(OfferFilter.all());

        IngestResult r = ingestor.refresh(aws);

        assertThat(r.succeeded()).isTrue();
        assertThat(r.offersSeen()).isEqualTo(listed.size()).isPositive();
        assertThat(r.offersCreated()).isEqualTo(listed.size());
        assertThat(r.observationsWritten()).isEqualTo(listed.size());
        Map<String, BigDecimal> stored = storedPrices("aws");
        assertThat(stored).hasSize(listed.size());
        for (Offer o : listed) {
            assertThat(stored.get(o.key().id())).as(o.key().id()).isEqualByComparingTo(o.price().pricePerHour().amount());
        }
        assertThat(sql.count("SELECT count(*) FROM ingest_run WHERE status = 'succeeded' AND provider_code = 'aws'")).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM offer o LEFT JOIN offer_price p ON p.offer_id = o.id "
                + "WHERE p.offer_id IS NULL OR p.price_source = ''")).as("every offer has a price with its source").isZero();
        // observations land in monthly partitions, not in the default partition
        assertThat(sql.count("SELECT count(*) FROM price_observation_default")).isZero();
        assertThat(sql.count("SELECT count(*) FROM price_observation")).isEqualTo(listed.size());
    }

    @Test
    void unchangedPricesWriteNoObservationAndMovedSpotPricesWriteExactlyOne() throws SQLException {
        ProviderAdapter aws = cloud.adapter(ProviderId.AWS);
        ingestor.refresh(aws);
        long before = sql.count("SELECT count(*) FROM price_observation");

        long rowVersions = sql.count("SELECT sum(o.xmin::text::bigint) + sum(p.xmin::text::bigint) FROM offer o "
                + "JOIN offer_price p ON p.offer_id = o.id WHERE o.provider_code = 'aws'");
        clock.advance(Duration.ofMinutes(1)); // same price hour
        IngestResult same = ingestor.refresh(aws);
        assertThat(same.succeeded()).isTrue();
        assertThat(same.observationsWritten()).isZero();
        assertThat(sql.count("SELECT sum(o.xmin::text::bigint) + sum(p.xmin::text::bigint) FROM offer o "
                + "JOIN offer_price p ON p.offer_id = o.id WHERE o.provider_code = 'aws'"))
                .as("unchanged offers are not rewritten").isEqualTo(rowVersions);
        assertThat(sql.instant("SELECT prices_refreshed_at FROM provider WHERE code = 'aws'"))
                .as("the provider's listing is confirmed as of this refresh").isEqualTo(clock.instant());
        assertThat(sql.count("SELECT count(*) FROM price_observation")).isEqualTo(before);

        Map<String, BigDecimal> old = storedPrices("aws");
        clock.advance(Duration.ofHours(1));
        List<Offer> now = aws.listOffers(OfferFilter.all());
        long changed = now.stream()
                .filter(o -> old.get(o.key().id()).compareTo(o.price().pricePerHour().amount()) != 0).count();
        assertThat(changed).as("the simulated spot market moves hourly").isPositive();
        assertThat(now.stream().filter(o -> o.key().market() == Market.ON_DEMAND)
                .allMatch(o -> old.get(o.key().id()).compareTo(o.price().pricePerHour().amount()) == 0)).isTrue();

        IngestResult moved = ingestor.refresh(aws);
        assertThat(moved.observationsWritten()).isEqualTo(changed);
        assertThat(sql.count("SELECT count(*) FROM price_observation")).isEqualTo(before + changed);
        Map<String, BigDecimal> stored = storedPrices("aws");
        now.forEach(o -> assertThat(stored.get(o.key().id())).isEqualByComparingTo(o.price().pricePerHour().amount()));
    }

    @Test
    void aFailingProviderLeavesItsStoredDataIntactAndSaysWhy() throws SQLException {
        ProviderAdapter gcp = cloud.adapter(ProviderId.GCP);
        ingestor.refresh(gcp);
        Map<String, BigDecimal> before = storedPrices("gcp");
        long observations = sql.count("SELECT count(*) FROM price_observation");

        cloud.injectOutage(ProviderId.GCP);
        clock.advance(Duration.ofHours(3));
        IngestResult failed = ingestor.refresh(gcp);

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.errorCode()).isEqualTo("unavailable");
        assertThat(storedPrices("gcp")).isEqualTo(before);
        assertThat(sql.count("SELECT count(*) FROM offer WHERE provider_code = 'gcp' AND NOT active")).isZero();
        assertThat(sql.count("SELECT count(*) FROM price_observation")).isEqualTo(observations);
        assertThat(sql.count("SELECT count(*) FROM ingest_run WHERE provider_code = 'gcp' AND status = 'failed' AND error LIKE 'unavailable:%'"))
                .isEqualTo(1);

        // the others are not affected
        assertThat(ingestor.refresh(cloud.adapter(ProviderId.AZURE)).succeeded()).isTrue();
    }

    @Test
    void offersTheProviderNoLongerListsAreDeactivatedNotDeleted() throws SQLException {
        ingestor.refresh(cloud.adapter(ProviderId.AWS));
        long all = sql.count("SELECT count(*) FROM offer WHERE provider_code = 'aws' AND active");

        SimulatedCloud smaller = cloud(Set.of("eu-west-1"));
        IngestResult r = ingestor.refresh(smaller.adapter(ProviderId.AWS));

        long remaining = sql.count("SELECT count(*) FROM offer o JOIN region g ON g.id = o.region_id "
                + "WHERE o.provider_code = 'aws' AND g.code = 'eu-west-1'");
        assertThat(r.offersDeactivated()).isEqualTo(all - remaining).isPositive();
        assertThat(sql.count("SELECT count(*) FROM offer WHERE provider_code = 'aws'")).isEqualTo(all);
        assertThat(sql.count("SELECT count(*) FROM offer WHERE provider_code = 'aws' AND active")).isEqualTo(remaining);
    }

    @Test
    void capacitySignalsAreStoredOnTheOfferAndInHistoryOnlyWhenTheyChange() throws SQLException {
        ProviderAdapter aws = cloud.adapter(ProviderId.AWS);
        List<CapacitySignal> signals = aws.capacitySignals(List.of());
        IngestResult first = ingestor.refresh(aws);
        assertThat(first.signalsWritten()).as("first values are changes from nothing").isEqualTo(signals.size()).isPositive();
        for (CapacitySignal s : signals.subList(0, 50)) {
            String column = switch (s.kind()) {
                case AVAILABLE_NODES -> "available_nodes";
                case INTERRUPTION_RATE_PER_HOUR -> "interruption_rate_per_hour";
                case PLACEMENT_SCORE -> "placement_score";
                case CAPACITY_ERROR -> throw new AssertionError("not listed by the adapter");
            };
            assertThat(sql.decimal("SELECT " + column + " FROM offer WHERE offer_key = '" + s.offer().id() + "'"))
                    .as("%s of %s", s.kind(), s.offer().id()).isEqualByComparingTo(s.value());
        }

        assertThat(ingestor.refresh(aws).signalsWritten()).as("nothing changed").isZero();

        // renting two nodes of a pool changes its available count: exactly that pool gets a new history row
        Offer pool = aws.listOffers(OfferFilter.all()).stream()
                .filter(o -> o.key().market() == Market.ON_DEMAND && o.available().orElse(0) >= 3).findFirst().orElseThrow();
        aws.rent(RentRequest.of("ingest-test-1", pool.key()));
        aws.rent(RentRequest.of("ingest-test-2", pool.key()));
        clock.advance(Duration.ofSeconds(1));
        IngestResult after = ingestor.refresh(aws);
        assertThat(after.signalsWritten()).isEqualTo(1);
        assertThat(sql.count("SELECT available_nodes FROM offer WHERE offer_key = '" + pool.key().id() + "'"))
                .isEqualTo(pool.available().getAsInt() - 2);
        assertThat(sql.count("SELECT count(*) FROM capacity_signal c JOIN offer o ON o.id = c.offer_id "
                + "WHERE o.offer_key = '" + pool.key().id() + "' AND c.kind = 'AVAILABLE_NODES'")).isEqualTo(2);
    }

    @Test
    void aCapacityErrorMakesThePoolUnavailableForItsTtl() throws SQLException {
        ProviderAdapter gcp = cloud.adapter(ProviderId.GCP);
        ingestor.refresh(gcp);
        Offer pool = gcp.listOffers(OfferFilter.all()).get(0);
        CapacityErrors errors = new CapacityErrors(db, Duration.ofMinutes(30));
        Instant at = clock.instant();

        assertThat(errors.record(pool.key(), at, "rent:ZONE_RESOURCE_POOL_EXHAUSTED")).isTrue();
        assertThat(sql.instant("SELECT unavailable_until FROM offer WHERE offer_key = '" + pool.key().id() + "'"))
                .isEqualTo(at.plus(Duration.ofMinutes(30)));
        // an older error does not shorten the window, a newer one extends it
        errors.record(pool.key(), at.minus(Duration.ofMinutes(20)), "rent");
        assertThat(sql.instant("SELECT unavailable_until FROM offer WHERE offer_key = '" + pool.key().id() + "'"))
                .isEqualTo(at.plus(Duration.ofMinutes(30)));
        errors.record(pool.key(), at.plus(Duration.ofMinutes(10)), "rent");
        assertThat(sql.instant("SELECT unavailable_until FROM offer WHERE offer_key = '" + pool.key().id() + "'"))
                .isEqualTo(at.plus(Duration.ofMinutes(40)));
        assertThat(sql.count("SELECT count(*) FROM capacity_signal c JOIN offer o ON o.id = c.offer_id "
                + "WHERE o.offer_key = '" + pool.key().id() + "' AND c.kind = 'CAPACITY_ERROR'")).isEqualTo(3);
        // a refresh does not clear the window
        ingestor.refresh(gcp);
        assertThat(sql.instant("SELECT unavailable_until FROM offer WHERE offer_key = '" + pool.key().id() + "'"))
                .isEqualTo(at.plus(Duration.ofMinutes(40)));

        assertThat(errors.record(OfferKey.parse("gcp:nowhere1:-:n2-standard-2:spot"), at, "rent")).isFalse();
    }

    @Test
    void ownedMachinesAreSyncedAsTheBaseline() throws SQLException {
        ProviderAdapter ovh = cloud.adapter(ProviderId.OVH);
        assertThat(ingestor.refresh(ovh).succeeded()).isTrue();
        OwnedMachineSync sync = new OwnedMachineSync(db);
        assertThat(sync.sync(ovh)).contains(ovh.listOwnedMachines().size());
        assertThat(sql.count("SELECT count(*) FROM owned_node WHERE provider_code = 'ovh' AND active"))
                .isEqualTo(ovh.listOwnedMachines().size()).isPositive();
        assertThat(sql.count("SELECT count(*) FROM owned_node o JOIN region r ON r.id = o.region_id WHERE r.code = 'GRA'"))
                .isPositive();
        // an outage keeps the stored baseline
        cloud.injectOutage(ProviderId.OVH);
        assertThat(sync.sync(ovh)).isEmpty();
        assertThat(sql.count("SELECT count(*) FROM owned_node WHERE provider_code = 'ovh' AND active"))
                .isEqualTo(SimulationConfig.defaults().ownedMachines().size());
        // a machine no longer reported is deactivated, not deleted
        cloud.clearFault(ProviderId.OVH);
        SimulatedCloud fewer = new SimulatedCloud(SimulationConfig.defaults()
                .withOwnedMachines(SimulationConfig.defaults().ownedMachines().subList(0, 1)), clock);
        assertThat(sync.sync(fewer.adapter(ProviderId.OVH))).contains(1);
        assertThat(sql.count("SELECT count(*) FROM owned_node WHERE provider_code = 'ovh' AND active")).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM owned_node WHERE provider_code = 'ovh'"))
                .isEqualTo(SimulationConfig.defaults().ownedMachines().size());
    }

    @Test
    void providersRefreshedConcurrentlyDoNotDeadlockEvenWhenPartitionsAreMissing() throws Exception {
        // every monthly partition gone: the concurrent refreshes all need to create some
        List<String> partitions = new java.util.ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT inhrelid::regclass::text FROM pg_inherits "
                     + "WHERE inhparent = 'price_observation'::regclass AND inhrelid::regclass::text <> 'price_observation_default'")) {
            while (rs.next()) {
                partitions.add(rs.getString(1));
            }
        }
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            for (String p : partitions) {
                st.execute("DROP TABLE " + p);
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<IngestResult>> results = pool.invokeAll(List.of(
                    () -> ingestor.refresh(cloud.adapter(ProviderId.AWS)),
                    () -> ingestor.refresh(cloud.adapter(ProviderId.GCP)),
                    () -> ingestor.refresh(cloud.adapter(ProviderId.AZURE))));
            for (java.util.concurrent.Future<IngestResult> f : results) {
                assertThat(f.get().succeeded()).as(String.valueOf(f.get().error())).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sql.count("SELECT count(*) FROM price_observation_default")).isZero();
        assertThat(sql.count("SELECT count(*) FROM price_observation")).isEqualTo(sql.count("SELECT count(*) FROM offer"));
    }

    private Map<String, BigDecimal> storedPrices(String provider) throws SQLException {
        Map<String, BigDecimal> m = new HashMap<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT o.offer_key, p.price_per_hour FROM offer o JOIN offer_price p ON p.offer_id = o.id "
                     + "WHERE o.provider_code = '" + provider + "'")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        return m;
    }
}
