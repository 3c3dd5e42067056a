package io.capacitybroker.ingest.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.ingest.IngestResult;
import io.capacitybroker.ingest.PriceIngestor;
import io.capacitybroker.ingest.ReplayAdapter;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import io.capacitybroker.provider.simulated.SimulationClock;
import io.capacitybroker.provider.simulated.SimulationConfig;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.testkit.postgres.TestPostgres;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Benchmark command (not a test): throughput of storing price observations through the ingest path
 * ({@link PriceIngestor}: ingest run bookkeeping, partition check, change detection against the kept
 * catalog, observation {@code COPY} with the trigger that moves current prices forward, commit) against a
 * raw {@code COPY} of the very same number of observation rows into {@code price_observation} with its
 * trigger disabled, measured in the same run on the same PostgreSQL, in alternating order. Prints a
 * Markdown table.
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

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PriceIngestor.class))
                .setLevel(ch.qos.logback.classic.Level.DEBUG);
        DataSource direct = TestPostgres.migratedDatabase().dataSource();
        // pooled, as in the broker (Hikari): a refresh takes three connections, the raw COPY one
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(direct);
        pool.setMaximumPoolSize(4);
        DataSource db = new HikariDataSource(pool);
        SimulationClock clock = SimulationClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
        SimulatedCloud cloud = new SimulatedCloud(SimulationConfig.defaults(), clock);
        ProviderAdapter source = cloud.adapter(ProviderId.AZURE); // the largest catalog: ~55k pools
        List<Offer> base = source.listOffers(OfferFilter.all());
        List<Region> regions = source.regions();
        int n = base.size();
        PriceIngestor ingestor = new PriceIngestor(db, clock);

        // first ingest: every offer is new
        long t0 = System.nanoTime();
        IngestResult first = ingestor.refresh(new ReplayAdapter(ProviderId.AZURE, regions, base));
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        check(first, n);

        List<Double> ingestRates = new ArrayList<>();
        List<Double> copyRates = new ArrayList<>();
        List<Double> tenPercentSeconds = new ArrayList<>();
        Map<String, Long> offerIds = offerIds(db);
        List<Double> pairRatios = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            // steady state between hourly refreshes: autovacuum has cleaned the previous price versions
            vacuum(db);
            Instant at = clock.advance(Duration.ofHours(1));
            List<Offer> changed = ReplayAdapter.reprice(base, at, r, 1.0); // every price changes
            String rows = copyRows(changed, offerIds, at.plusSeconds(1)); // raw rows with their own timestamps
            double ingestRate;
            double copyRate;
            if (r % 2 == 1) {
                ingestRate = n / timedIngest(ingestor, new ReplayAdapter(ProviderId.AZURE, regions, changed), n);
                copyRate = n / timedRawCopy(db, rows, n);
            } else {
                copyRate = n / timedRawCopy(db, rows, n);
                ingestRate = n / timedIngest(ingestor, new ReplayAdapter(ProviderId.AZURE, regions, changed), n);
            }
            ingestRates.add(ingestRate);
            copyRates.add(copyRate);
            pairRatios.add(ingestRate / copyRate);

            // a typical hour of a spot market: 10 % of the prices move
            vacuum(db);
            at = clock.advance(Duration.ofHours(1));
            List<Offer> some = ReplayAdapter.reprice(changed, at, r + 1000, 0.1);
            long s = System.nanoTime();
            IngestResult partial = ingestor.refresh(new ReplayAdapter(ProviderId.AZURE, regions, some));
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
        System.out.printf("| ingest / raw COPY (ratio of the medians) | %.2f |%n", ingest / copy);
        System.out.printf("| ingest / raw COPY (median of the %d same-iteration ratios) | %.2f |%n", repeats, median(pairRatios));
        System.out.printf("| ingest path, 10%% of prices changed, s per refresh (median) | %.2f |%n", median(tenPercentSeconds));
        System.out.printf("all runs: ingest %s, copy %s%n", fmt(ingestRates), fmt(copyRates));
        System.exit(0);
    }

    private static double timedIngest(PriceIngestor ingestor, ReplayAdapter catalog, int n) {
        long s = System.nanoTime();
        IngestResult res = ingestor.refresh(catalog);
        double seconds = (System.nanoTime() - s) / 1e9;
        check(res, n);
        return seconds;
    }

    private static double timedRawCopy(DataSource db, String rows, int n) throws Exception {
        try (Connection c = db.getConnection()) {
            // just the rows: without the trigger that moves the current prices forward (part of the ingest path)
            try (Statement st = c.createStatement()) {
                st.execute("SET session_replication_role = replica");
            }
            long s = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY price_observation (offer_id, observed_at, fetched_at, price_per_hour, currency, source) "
                            + "FROM STDIN (FORMAT csv)", new StringReader(rows));
            double seconds = (System.nanoTime() - s) / 1e9;
            if (copied != n) {
                throw new IllegalStateException("copied " + copied + " of " + n);
            }
            try (Statement st = c.createStatement()) {
                st.execute("RESET session_replication_role");
            }
            return seconds;
        }
    }

    private static void vacuum(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("VACUUM offer_price");
        }
    }

    private static void check(IngestResult r, int n) {
        if (!r.succeeded() || r.offersSeen() != n) {
            throw new IllegalStateException("ingest failed: " + r);
        }
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
