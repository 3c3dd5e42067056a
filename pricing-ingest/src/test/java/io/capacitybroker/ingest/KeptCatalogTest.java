package io.capacitybroker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.domain.Money;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.PriceQuote;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import io.capacitybroker.provider.simulated.SimulationClock;
import io.capacitybroker.provider.simulated.SimulationConfig;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.testkit.postgres.PostgresTest;
import io.capacitybroker.testkit.postgres.TestPostgres;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog an ingest process keeps between refreshes must never make it skip a change the database
 * does not have: it is read back when another process refreshed the provider, when it is too old, and
 * after a failed refresh. And the current price follows the observations written.
 */
@PostgresTest
class KeptCatalogTest {

    private DataSource db;
    private Db sql;
    private SimulationClock clock;
    private ReplayAdapter gcp;

    @BeforeEach
    void setUp() throws SQLException {
        db = TestPostgres.migratedDatabase().dataSource();
        sql = new Db(db);
        sql.resetCatalog();
        clock = SimulationClock.startingAt(Instant.parse("2026-11-23T10:15:00Z"));
        SimulatedCloud cloud = new SimulatedCloud(SimulationConfig.defaults().withRegionAllowList(Set.of("europe-west1")), clock);
        ProviderAdapter adapter = cloud.adapter(ProviderId.GCP);
        gcp = new ReplayAdapter(ProviderId.GCP, adapter.regions(), adapter.listOffers(OfferFilter.all()));
        assertThat(gcp.offers()).hasSizeGreaterThan(50);
    }

    @Test
    void aRefreshByAnotherBrokerInstanceIsSeenInsteadOfTheKeptCopy() throws SQLException {
        PriceIngestor first = new PriceIngestor(db, clock);
        PriceIngestor second = new PriceIngestor(db, clock); // another broker instance on the same database
        List<Offer> original = gcp.offers();
        assertThat(first.refresh(gcp).succeeded()).isTrue();

        List<Offer> raised = ReplayAdapter.reprice(original, clock.advance(Duration.ofHours(1)), 5, 1.0);
        assertThat(second.refresh(gcp.listing(raised)).observationsWritten()).isEqualTo(raised.size());

        // the first instance's copy still says "original prices": the listing going back to them is a change
        List<Offer> back = atTime(original, clock.advance(Duration.ofHours(1)));
        IngestResult r = first.refresh(gcp.listing(back));
        assertThat(r.observationsWritten()).as("every price went back: one observation each").isEqualTo(back.size());
        assertStoredPricesAre(back);
    }

    @Test
    void aFailedRefreshDoesNotLeaveItsHalfAppliedCopyBehind() throws SQLException {
        PriceIngestor ingestor = new PriceIngestor(db, clock);
        assertThat(ingestor.refresh(gcp).succeeded()).isTrue();

        // every price moves, and the listing repeats an offer at its end: the refresh fails after comparing
        List<Offer> raised = ReplayAdapter.reprice(gcp.offers(), clock.advance(Duration.ofHours(1)), 7, 1.0);
        List<Offer> broken = new ArrayList<>(raised);
        broken.add(raised.get(0));
        IngestResult failed = ingestor.refresh(gcp.listing(broken));
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.error()).contains("listed twice");

        IngestResult retried = ingestor.refresh(gcp.listing(raised));
        assertThat(retried.observationsWritten()).as("nothing of the failed refresh was stored").isEqualTo(raised.size());
        assertStoredPricesAre(raised);
    }

    @Test
    void anOutsideWriterThatBumpsTheVersionOrAnOldCopyMakesTheIngestReadTheCatalogAgain() throws SQLException {
        PriceIngestor ingestor = new PriceIngestor(db, clock, Duration.ofHours(6));
        assertThat(ingestor.refresh(gcp).succeeded()).isTrue();
        Offer victim = gcp.offers().get(3);

        // an operator corrects a price by hand and says so
        sql.execute("UPDATE offer_price SET price_per_hour = price_per_hour + 1 WHERE offer_id = "
                + "(SELECT id FROM offer WHERE offer_key = '" + victim.key().id() + "')");
        sql.execute("UPDATE provider SET catalog_version = catalog_version + 1 WHERE code = 'gcp'");
        clock.advance(Duration.ofMinutes(10));
        IngestResult r = ingestor.refresh(gcp.listing(atTime(gcp.offers(), clock.instant())));
        assertThat(r.observationsWritten()).as("the listed price differs from the stored one").isEqualTo(1);
        assertStoredPricesAre(gcp.offers());

        // the same without the version: seen once the kept copy is older than its maximum age
        sql.execute("UPDATE offer_price SET price_per_hour = price_per_hour + 1 WHERE offer_id = "
                + "(SELECT id FROM offer WHERE offer_key = '" + victim.key().id() + "')");
        clock.advance(Duration.ofHours(7));
        r = ingestor.refresh(gcp.listing(atTime(gcp.offers(), clock.instant())));
        assertThat(r.observationsWritten()).isEqualTo(1);
        assertStoredPricesAre(gcp.offers());
    }

    @Test
    void pricesAreStoredToTheCatalogsPrecisionSoExtraDigitsAreNoChange() throws SQLException {
        List<Offer> precise = gcp.offers().stream().filter(o -> o.price().pricePerHour().amount().scale() > 8).toList();
        assertThat(precise).as("derived per-hour prices carry more than 8 decimals").isNotEmpty();
        assertThat(new PriceIngestor(db, clock).refresh(gcp).succeeded()).isTrue();
        assertStoredPricesAre(gcp.offers());

        // a fresh process (nothing kept) compares the listing against what the database holds
        IngestResult again = new PriceIngestor(db, clock).refresh(gcp.listing(atTime(gcp.offers(),
                clock.advance(Duration.ofHours(1)))));
        assertThat(again.observationsWritten()).as("no price changed").isZero();
    }

    @Test
    void theCurrentPriceFollowsNewerObservationsButNotBackfilledHistory() throws SQLException {
        assertThat(new PriceIngestor(db, clock).refresh(gcp).succeeded()).isTrue();
        Offer o = gcp.offers().get(0);
        String id = "(SELECT id FROM offer WHERE offer_key = '" + o.key().id() + "')";
        Instant stored = o.price().observedAt();

        // two newer observations of one offer in one statement: the latest one becomes the current price
        sql.execute("INSERT INTO price_observation (offer_id, observed_at, fetched_at, price_per_hour, currency, source) VALUES "
                + "(" + id + ", '" + stored.plusSeconds(7200) + "', now(), 2.5, 'USD', 'later'), "
                + "(" + id + ", '" + stored.plusSeconds(3600) + "', now(), 1.5, 'USD', 'earlier')");
        assertThat(sql.decimal("SELECT price_per_hour FROM offer_price WHERE offer_id = " + id)).isEqualByComparingTo("2.5");
        assertThat(sql.text("SELECT price_source FROM offer_price WHERE offer_id = " + id)).isEqualTo("later");

        // history from before the current price is stored but does not replace it
        sql.execute("INSERT INTO price_observation (offer_id, observed_at, fetched_at, price_per_hour, currency, source) VALUES "
                + "(" + id + ", '" + stored.minusSeconds(86_400) + "', now(), 9.0, 'USD', 'backfill')");
        assertThat(sql.decimal("SELECT price_per_hour FROM offer_price WHERE offer_id = " + id)).isEqualByComparingTo("2.5");
        assertThat(sql.count("SELECT count(*) FROM price_observation WHERE offer_id = " + id)).isEqualTo(4);
    }

    private static List<Offer> atTime(List<Offer> offers, Instant fetchedAt) {
        return offers.stream().map(o -> new Offer(o.key(), o.shape(), new PriceQuote(Money.usd(o.price().pricePerHour().amount()),
                fetchedAt, fetchedAt, o.price().source()), o.availableNodes(), o.interruptionRatePerHour())).toList();
    }

    private void assertStoredPricesAre(List<Offer> offers) throws SQLException {
        Map<String, BigDecimal> stored = new HashMap<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT o.offer_key, p.price_per_hour FROM offer_price p JOIN offer o ON o.id = p.offer_id")) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        for (Offer o : offers) {
            assertThat(stored.get(o.key().id())).as(o.key().id())
                    .isEqualByComparingTo(o.price().pricePerHour().amount().setScale(8, RoundingMode.HALF_EVEN));
        }
    }
}
