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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the stored catalog of one provider from its adapter.
 *
 * <p>One refresh is one transaction ({@link CatalogMerge}): new offers are inserted, a price observation
 * is written only for offers whose price changed (or that are new) and the current price follows it,
 * and offers the provider no longer lists are marked inactive. Unchanged offers are not rewritten: that
 * the provider still lists them at their price is recorded once, as {@code provider.prices_refreshed_at}.
 * If the adapter or the database fails, the transaction rolls back: what was stored before stays intact
 * and in use, and the failure is recorded in {@code ingest_run}.
 *
 * <p>The stored catalog each refresh compares against is kept in memory between refreshes of the same
 * provider ({@link StoredCatalog}) and read back from the database when {@code provider.catalog_version}
 * says another process changed it, or when it is older than {@code maxCatalogAge}.
 */
public class PriceIngestor {

    private static final Logger log = LoggerFactory.getLogger(PriceIngestor.class);

    /** Default for how long a catalog kept in memory is trusted before it is read back from the database. */
    public static final Duration DEFAULT_MAX_CATALOG_AGE = Duration.ofHours(24);

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration maxCatalogAge;
    private final Map<ProviderId, StoredCatalog> catalogs = new ConcurrentHashMap<>();

    public PriceIngestor(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_MAX_CATALOG_AGE);
    }

    /** {@code maxCatalogAge} zero: read the stored catalog back on every refresh. */
    public PriceIngestor(DataSource dataSource, Clock clock, Duration maxCatalogAge) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxCatalogAge = Objects.requireNonNull(maxCatalogAge, "maxCatalogAge");
        if (maxCatalogAge.isNegative()) {
            throw new IllegalArgumentException("maxCatalogAge must not be negative: " + maxCatalogAge);
        }
    }

    /** Fetches every offer of the provider and merges it into the database. Never throws for provider errors. */
    public IngestResult refresh(ProviderAdapter adapter) {
        ProviderId provider = adapter.provider();
        Instant started = clock.instant();
        long runId = startRun(provider, sourceName(adapter), started);
        try {
            if (!adapter.capabilities().supports(Capability.LIST_OFFERS)) {
                String why = adapter.capabilities().reasonUnsupported(Capability.LIST_OFFERS).orElse("unsupported");
                log.info("ingest {}: no offers to list ({}); regions only", provider, why);
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    CatalogMerge.upsertRegions(c, provider, adapter.regions(), List.of());
                    c.commit();
                }
                return finish(runId, provider, started, 0, new Merge(0, 0, 0, 0), null, null, null);
            }
            List<Region> regions = adapter.regions();
            List<Offer> offers = adapter.listOffers(OfferFilter.all());
            Instant fetchedAt = clock.instant();
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
            Merge merge = merge(provider, fetchedAt, regions, offers, signalsSupported, signals);
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

    private Merge merge(ProviderId provider, Instant fetchedAt, List<Region> regions, List<Offer> offers,
                        boolean signalsFromAdapter, List<CapacitySignal> signals) throws SQLException, IOException {
        CatalogMerge.preparePartitions(dataSource, offers, fetchedAt);
        for (int attempt = 1; ; attempt++) {
            // the catalog kept from the last refresh; out of the cache while in use, back only after a commit
            StoredCatalog cached = catalogs.remove(provider);
            try {
                return mergeOnce(provider, fetchedAt, regions, offers, signalsFromAdapter, signals, cached);
            } catch (SQLException e) {
                // a deadlock or serialization failure rolls back cleanly and is worth one more try; so is any
                // failure after comparing against a kept catalog, this time against the database itself
                boolean transientFailure = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!(transientFailure || cached != null) || attempt >= 3) {
                    throw e;
                }
                log.warn("ingest {}: {} (attempt {}), retrying", provider, e.getMessage(), attempt);
            }
        }
    }

    private Merge mergeOnce(ProviderId provider, Instant fetchedAt, List<Region> regions, List<Offer> offers,
                            boolean signalsFromAdapter, List<CapacitySignal> signals, StoredCatalog cached)
            throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                StepTimer steps = new StepTimer();
                CatalogMerge.Result r = CatalogMerge.merge(c, provider, regions, offers, signalsFromAdapter, steps, cached,
                        fetchedAt, maxCatalogAge);
                int created = r.created();
                int deactivated = r.deactivated();
                int observations = r.observations();
                int signalRows = signals.isEmpty() ? 0 : CapacitySignalMerge.merge(c, provider, signals);
                steps.mark("signals");
                long version;
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE provider SET prices_refreshed_at = ?, catalog_version = catalog_version + 1
                        WHERE code = ? RETURNING catalog_version""")) {
                    ps.setTimestamp(1, Timestamp.from(fetchedAt));
                    ps.setString(2, provider.code());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        version = rs.getLong(1);
                    }
                }
                c.commit();
                r.catalog().version = version;
                if (!maxCatalogAge.isZero()) {
                    catalogs.put(provider, r.catalog());
                }
                steps.mark("commit");
                log.debug("ingest {} merge steps (ms): {}", provider, steps);
                return new Merge(created, deactivated, observations, signalRows);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
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
