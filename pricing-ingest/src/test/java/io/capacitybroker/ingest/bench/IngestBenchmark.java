package io.capacitybroker.ingest.bench;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Money;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.PriceQuote;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.ingest.IngestResult;
import io.capacitybroker.ingest.PriceIngestor;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import io.capacitybroker.provider.simulated.SimulationClock;
import io.capacitybroker.provider.simulated.SimulationConfig;
import io.capacitybroker.provider.spi.Capabilities;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderNode;
import io.capacitybroker.provider.spi.ReleaseOutcome;
import io.capacitybroker.provider.spi.RentRequest;
import io.capacitybroker.testkit.postgres.TestPostgres;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Benchmark command (not a test): throughput of storing price observations through the ingest path
 * ({@link PriceIngestor}: COPY into staging, change detection, offer upsert, observation insert) against
 * a raw {@code COPY} of the very same observation rows into {@code price_observation}, measured in the
 * same run on the same PostgreSQL. Prints a Markdown table.
 *
 * <pre>
 * . bin/use-jdk && mvn -q -pl pricing-ingest -am install -DskipTests \
 *   && mvn -q -pl pricing-ingest exec:java -Dexec.classpathScope=test \
 *        -Dexec.mainClass=io.capacitybroker.ingest.bench.IngestBenchmark [-Dexec.args="5"]
 * </pre>
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    /** Replays a fixed catalog: the benchmark measures the database side, not a provider. */
    private record Replay(ProviderId provider, List<Region> regions, List<Offer> offers) implements ProviderAdapter {
        @Override
        public Capabilities capabilities() {
            return Capabilities.all().without(Capability.CAPACITY_SIGNALS, "benchmark replay");
        }

        @Override
        public List<Offer> listOffers(OfferFilter filter) {
            return offers;
        }

        @Override
        public List<CapacitySignal> capacitySignals(Collection<OfferKey> pools) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderNode rent(RentRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ReleaseOutcome release(String nodeId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ProviderNode> listNodes() {
            return List.of();
        }

        @Override
        public List<OwnedMachine> listOwnedMachines() {
            return List.of();
        }
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PriceIngestor.class))
                .setLevel(ch.qos.logback.classic.Level.DEBUG);
        DataSource db = TestPostgres.migratedDatabase().dataSource();
        SimulationClock clock = SimulationClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
        SimulatedCloud cloud = new SimulatedCloud(SimulationConfig.defaults(), clock);
        ProviderAdapter source = cloud.adapter(ProviderId.AZURE); // the largest catalog: ~55k pools
        List<Offer> base = source.listOffers(OfferFilter.all());
        List<Region> regions = source.regions();
        int n = base.size();
        PriceIngestor ingestor = new PriceIngestor(db, clock);

        // first ingest: every offer is new
        long t0 = System.nanoTime();
        IngestResult first = ingestor.refresh(new Replay(ProviderId.AZURE, regions, base));
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        check(first, n);

        List<Double> ingestRates = new ArrayList<>();
        List<Double> copyRates = new ArrayList<>();
        List<Double> tenPercentSeconds = new ArrayList<>();
        Map<String, Long> offerIds = offerIds(db);
        for (int r = 1; r <= repeats; r++) {
            // every price changes: one observation per offer
            Instant at = clock.advance(Duration.ofHours(1));
            List<Offer> changed = reprice(base, at, r, 1.0);
            long s = System.nanoTime();
            IngestResult res = ingestor.refresh(new Replay(ProviderId.AZURE, regions, changed));
            double ingestSeconds = (System.nanoTime() - s) / 1e9;
            check(res, n);
            ingestRates.add(n / ingestSeconds);

            // the same number of observation rows, raw COPY straight into the table (new timestamps)
            String rows = copyRows(changed, offerIds, at.plusSeconds(1));
            s = System.nanoTime();
            try (Connection c = db.getConnection()) {
                long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY price_observation (offer_id, observed_at, fetched_at, price_per_hour, currency, source) "
                                + "FROM STDIN (FORMAT csv)", new StringReader(rows));
                if (copied != n) {
                    throw new IllegalStateException("copied " + copied + " of " + n);
                }
            }
            double copySeconds = (System.nanoTime() - s) / 1e9;
            copyRates.add(n / copySeconds);

            // a typical hour of a spot market: 10 % of the prices move
            at = clock.advance(Duration.ofHours(1));
            List<Offer> some = reprice(changed, at, r + 1000, 0.1);
            s = System.nanoTime();
            IngestResult partial = ingestor.refresh(new Replay(ProviderId.AZURE, regions, some));
            tenPercentSeconds.add((System.nanoTime() - s) / 1e9);
            if (!partial.succeeded()) {
                throw new IllegalStateException(partial.error());
            }
        }
        double ingest = median(ingestRates);
        double copy = median(copyRates);
        System.out.printf("| rows per run | %d |%n", n);
        System.out.printf("| first ingest (all offers new), s | %.2f |%n", firstSeconds);
        System.out.printf("| raw COPY into price_observation, rows/s (median of %d) | %,.0f |%n", repeats, copy);
        System.out.printf("| ingest path, every price changed, observations/s (median of %d) | %,.0f |%n", repeats, ingest);
        System.out.printf("| ingest / raw COPY | %.2f |%n", ingest / copy);
        System.out.printf("| ingest path, 10%% of prices changed, s per refresh (median) | %.2f |%n", median(tenPercentSeconds));
        System.out.printf("all runs: ingest %s, copy %s%n", fmt(ingestRates), fmt(copyRates));
        System.exit(0);
    }

    private static void check(IngestResult r, int n) {
        if (!r.succeeded() || r.offersSeen() != n) {
            throw new IllegalStateException("ingest failed: " + r);
        }
    }

    /** A copy of the catalog where the given share of offers (every k-th) has a new price valid at {@code at}. */
    private static List<Offer> reprice(List<Offer> offers, Instant at, int salt, double share) {
        List<Offer> out = new ArrayList<>(offers.size());
        int every = (int) Math.round(1 / share);
        for (int i = 0; i < offers.size(); i++) {
            Offer o = offers.get(i);
            PriceQuote p = o.price();
            if (i % every == 0) {
                BigDecimal bumped = p.pricePerHour().amount().add(new BigDecimal("0.0001").multiply(BigDecimal.valueOf(salt)));
                p = new PriceQuote(Money.usd(bumped), at, at, p.source());
            } else {
                p = new PriceQuote(p.pricePerHour(), p.observedAt(), at, p.source());
            }
            out.add(new Offer(o.key(), o.shape(), p, o.availableNodes(), o.interruptionRatePerHour()));
        }
        return out;
    }

    private static String copyRows(List<Offer> offers, Map<String, Long> ids, Instant at) {
        StringBuilder sb = new StringBuilder(offers.size() * 90);
        String ts = at.toString();
        for (Offer o : offers) {
            sb.append(ids.get(o.key().id())).append(',').append(ts).append(',').append(ts).append(',')
                    .append(o.price().pricePerHour().amount().toPlainString()).append(",USD,\"")
                    .append(o.price().source()).append("\"\n");
        }
        return sb.toString();
    }

    private static Map<String, Long> offerIds(DataSource db) throws Exception {
        Map<String, Long> ids = new HashMap<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT offer_key, id FROM offer")) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
        }
        return ids;
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static String fmt(List<Double> xs) {
        return Arrays.toString(xs.stream().mapToLong(Math::round).toArray());
    }
}
