package io.capacitybroker.ingest;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderException;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the stored catalog of one provider from its adapter.
 *
 * <p>All rows of a refresh are streamed into a temporary staging table with {@code COPY} and merged
 * with set-based SQL in one transaction: offers are upserted, a price observation is written only for
 * offers whose price changed (or that are new), and offers the provider no longer lists are marked
 * inactive. If the adapter or the database fails, the transaction rolls back: what was stored before
 * stays intact and in use, and the failure is recorded in {@code ingest_run}.
 */
public class PriceIngestor {

    private static final Logger log = LoggerFactory.getLogger(PriceIngestor.class);

    private final DataSource dataSource;
    private final Clock clock;

    public PriceIngestor(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Fetches every offer of the provider and merges it into the database. Never throws for provider errors. */
    public IngestResult refresh(ProviderAdapter adapter) {
        ProviderId provider = adapter.provider();
        Instant started = clock.instant();
        long runId = startRun(provider, sourceName(adapter), started);
        try {
            if (!adapter.capabilities().supports(Capability.LIST_OFFERS)) {
                String why = adapter.capabilities().reasonUnsupported(Capability.LIST_OFFERS).orElse("unsupported");
                log.info("ingest {}: nothing to list ({})", provider, why);
                return finish(runId, provider, started, 0, new Merge(0, 0, 0, 0), null, null, null);
            }
            List<Region> regions = adapter.regions();
            List<Offer> offers = adapter.listOffers(OfferFilter.all());
            boolean signalsSupported = adapter.capabilities().supports(Capability.CAPACITY_SIGNALS);
            List<CapacitySignal> signals = List.of();
            String warning = null;
            if (signalsSupported) {
                try {
                    signals = adapter.capacitySignals(List.of());
                } catch (ProviderException e) {
                    // prices are still good: store them, keep the last known signals, and say so
                    warning = "capacity signals not refreshed (" + e.code() + "): " + e.getMessage();
                    log.warn("ingest {}: {}", provider, warning);
                }
            }
            Merge merge = merge(provider, regions, offers, signalsSupported, signals);
            log.info("ingest {}: {} offers seen, {} new, {} deactivated, {} price observations and {} capacity signals written",
                    provider, offers.size(), merge.created, merge.deactivated, merge.observations, merge.signals);
            return finish(runId, provider, started, offers.size(), merge, null, null, warning);
        } catch (ProviderException e) {
            log.warn("ingest {} failed ({}), keeping the last good data: {}", provider, e.code(), e.getMessage());
            return finish(runId, provider, started, 0, new Merge(0, 0, 0, 0), e.code(), e.getMessage(), null);
        } catch (SQLException | IOException | RuntimeException e) {
            log.error("ingest {} failed while storing, keeping the last good data", provider, e);
            return finish(runId, provider, started, 0, new Merge(0, 0, 0, 0), "storage_error", String.valueOf(e.getMessage()),
                    null);
        }
    }

    private static String sourceName(ProviderAdapter adapter) {
        return adapter.getClass().getSimpleName();
    }

    private record Merge(int created, int deactivated, int observations, int signals) {
    }

    private Merge merge(ProviderId provider, List<Region> regions, List<Offer> offers, boolean signalsFromAdapter,
                        List<CapacitySignal> signals) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                upsertRegions(c, provider, regions);
                stage(c, offers);
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE staging_offer");
                    st.executeUpdate("""
                            INSERT INTO instance_type (provider_code, name, vcpus, memory_gib, gpus, architecture)
                            SELECT DISTINCT ON (s.instance_type) '%s', s.instance_type, s.vcpus, s.memory_gib, s.gpus, s.architecture
                            FROM staging_offer s
                            ON CONFLICT (provider_code, name) DO UPDATE
                               SET vcpus = EXCLUDED.vcpus, memory_gib = EXCLUDED.memory_gib,
                                   gpus = EXCLUDED.gpus, architecture = EXCLUDED.architecture
                             WHERE (instance_type.vcpus, instance_type.memory_gib, instance_type.gpus, instance_type.architecture)
                                   IS DISTINCT FROM (EXCLUDED.vcpus, EXCLUDED.memory_gib, EXCLUDED.gpus, EXCLUDED.architecture)
                            """.formatted(provider.code()));
                    // offers whose price is new or different from the stored one get an observation
                    st.execute("""
                            CREATE TEMP TABLE changed_offer ON COMMIT DROP AS
                            SELECT s.* FROM staging_offer s
                            LEFT JOIN offer o ON o.offer_key = s.offer_key
                            WHERE o.id IS NULL OR o.price_per_hour <> s.price_per_hour OR o.currency <> s.currency
                            """);
                }
                for (Instant month : distinctMonths(c)) {
                    ensurePartition(c, month);
                }
                int created;
                int observations;
                int deactivated;
                try (Statement st = c.createStatement()) {
                    created = st.executeUpdate("""
                            INSERT INTO offer (offer_key, provider_code, region_id, zone, instance_type_id, market,
                                               price_per_hour, currency, price_observed_at, price_fetched_at, price_source,
                                               available_nodes, interruption_rate_per_hour, active, first_seen_at, last_seen_at)
                            SELECT s.offer_key, '%1$s', r.id, s.zone, t.id, s.market, s.price_per_hour, s.currency,
                                   s.observed_at, s.fetched_at, s.source,
                                   CASE WHEN %2$s THEN NULL ELSE s.available_nodes END,
                                   CASE WHEN %2$s THEN NULL ELSE s.interruption_rate_per_hour END,
                                   true, s.fetched_at, s.fetched_at
                            FROM staging_offer s
                            JOIN region r ON r.provider_code = '%1$s' AND r.code = s.region
                            JOIN instance_type t ON t.provider_code = '%1$s' AND t.name = s.instance_type
                            ON CONFLICT (offer_key) DO NOTHING
                            """.formatted(provider.code(), signalsFromAdapter));
                    st.executeUpdate("""
                            UPDATE offer o SET
                                   price_per_hour = s.price_per_hour, currency = s.currency,
                                   price_observed_at = CASE WHEN o.price_per_hour <> s.price_per_hour OR o.currency <> s.currency
                                                            THEN s.observed_at ELSE o.price_observed_at END,
                                   price_fetched_at = s.fetched_at, price_source = s.source,
                                   available_nodes = CASE WHEN %1$s THEN o.available_nodes ELSE s.available_nodes END,
                                   interruption_rate_per_hour = CASE WHEN %1$s THEN o.interruption_rate_per_hour
                                                                     ELSE s.interruption_rate_per_hour END,
                                   active = true, last_seen_at = s.fetched_at
                            FROM staging_offer s
                            WHERE o.offer_key = s.offer_key
                            """.formatted(signalsFromAdapter));
                    observations = st.executeUpdate("""
                            INSERT INTO price_observation (offer_id, observed_at, fetched_at, price_per_hour, currency, source)
                            SELECT o.id, s.observed_at, s.fetched_at, s.price_per_hour, s.currency, s.source
                            FROM changed_offer s JOIN offer o ON o.offer_key = s.offer_key
                            ON CONFLICT (offer_id, observed_at) DO UPDATE
                               SET price_per_hour = EXCLUDED.price_per_hour, currency = EXCLUDED.currency,
                                   fetched_at = EXCLUDED.fetched_at, source = EXCLUDED.source
                            """);
                    deactivated = st.executeUpdate("""
                            UPDATE offer o SET active = false
                            WHERE o.provider_code = '%s' AND o.active
                              AND NOT EXISTS (SELECT 1 FROM staging_offer s WHERE s.offer_key = o.offer_key)
                            """.formatted(provider.code()));
                }
                int signalRows = signals.isEmpty() ? 0 : CapacitySignalMerge.merge(c, provider, signals);
                c.commit();
                return new Merge(created, deactivated, observations, signalRows);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void upsertRegions(Connection c, ProviderId provider, List<Region> regions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO region (provider_code, code, display_name, country, latitude, longitude, grid_zone)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (provider_code, code) DO UPDATE
                   SET display_name = EXCLUDED.display_name,
                       country = COALESCE(EXCLUDED.country, region.country),
                       latitude = COALESCE(EXCLUDED.latitude, region.latitude),
                       longitude = COALESCE(EXCLUDED.longitude, region.longitude),
                       grid_zone = COALESCE(EXCLUDED.grid_zone, region.grid_zone)
                """)) {
            for (Region r : regions) {
                if (!r.provider().equals(provider)) {
                    throw new IllegalArgumentException("adapter for " + provider + " listed a region of " + r.provider());
                }
                ps.setString(1, provider.code());
                ps.setString(2, r.code());
                ps.setString(3, r.displayName());
                ps.setString(4, r.country());
                ps.setObject(5, r.location() == null ? null : r.location().latitude());
                ps.setObject(6, r.location() == null ? null : r.location().longitude());
                ps.setString(7, r.gridZone());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void stage(Connection c, List<Offer> offers) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMP TABLE staging_offer (
                        offer_key text PRIMARY KEY, region text NOT NULL, zone text, instance_type text NOT NULL,
                        vcpus numeric NOT NULL, memory_gib numeric NOT NULL, gpus integer NOT NULL, architecture text NOT NULL,
                        market text NOT NULL, price_per_hour numeric NOT NULL, currency char(3) NOT NULL,
                        observed_at timestamptz NOT NULL, fetched_at timestamptz NOT NULL, source text NOT NULL,
                        available_nodes integer, interruption_rate_per_hour double precision
                    ) ON COMMIT DROP
                    """);
        }
        StringBuilder csv = new StringBuilder(offers.size() * 160);
        CsvRow row = new CsvRow(csv);
        for (Offer o : offers) {
            row.text(o.key().id()).text(o.key().region()).text(o.key().zone()).text(o.key().instanceType())
                    .raw(o.shape().vcpus().toPlainString()).raw(o.shape().memoryGiB().toPlainString())
                    .raw(o.shape().gpus()).text(o.shape().architecture()).text(o.key().market().wireName())
                    .raw(o.price().pricePerHour().amount().toPlainString())
                    .text(o.price().pricePerHour().currency().getCurrencyCode())
                    .text(o.price().observedAt().toString()).text(o.price().fetchedAt().toString())
                    .text(o.price().source()).raw(o.availableNodes()).raw(o.interruptionRatePerHour());
            row.end();
        }
        c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY staging_offer FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
    }

    private static List<Instant> distinctMonths(Connection c) throws SQLException {
        List<Instant> months = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT DISTINCT date_trunc('month', observed_at AT TIME ZONE 'UTC') FROM changed_offer")) {
            while (rs.next()) {
                months.add(rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC));
            }
        }
        return months;
    }

    private static void ensurePartition(Connection c, Instant monthStart) throws SQLException {
        OffsetDateTime from = monthStart.atOffset(ZoneOffset.UTC);
        // a partition cannot be created over rows already caught by the default partition
        try (PreparedStatement check = c.prepareStatement(
                "SELECT 1 FROM price_observation_default WHERE observed_at >= ? AND observed_at < ? LIMIT 1")) {
            check.setObject(1, from);
            check.setObject(2, from.plusMonths(1));
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ensure_monthly_partitions('price_observation', ?, ?)")) {
            ps.setObject(1, from);
            ps.setObject(2, from.plusMonths(1));
            ps.execute();
        }
    }

    private long startRun(ProviderId provider, String source, Instant started) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO ingest_run (source_kind, provider_code, source, started_at, status)
                     VALUES ('prices', ?, ?, ?, 'running') RETURNING id
                     """)) {
            ps.setString(1, provider.code());
            ps.setString(2, source);
            ps.setTimestamp(3, Timestamp.from(started));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the start of an ingest run: " + e.getMessage(), e);
        }
    }

    private IngestResult finish(long runId, ProviderId provider, Instant started, int seen, Merge merge, String errorCode,
                                String error, String warning) {
        Instant finished = clock.instant();
        IngestResult.Status status = errorCode == null ? IngestResult.Status.SUCCEEDED : IngestResult.Status.FAILED;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE ingest_run SET finished_at = ?, status = ?, offers_seen = ?, observations_written = ?, error = ?,
                            signals_written = ?, warning = ?
                     WHERE id = ?
                     """)) {
            ps.setTimestamp(1, Timestamp.from(finished));
            ps.setString(2, status == IngestResult.Status.SUCCEEDED ? "succeeded" : "failed");
            ps.setInt(3, seen);
            ps.setInt(4, merge.observations);
            ps.setString(5, error == null ? null : errorCode + ": " + error);
            ps.setInt(6, merge.signals);
            ps.setString(7, warning);
            ps.setLong(8, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            log.error("cannot record the end of ingest run {}", runId, e);
        }
        return new IngestResult(runId, provider, status, seen, merge.created, merge.deactivated, merge.observations,
                merge.signals, started, Duration.between(started, finished), errorCode, error, warning);
    }
}
