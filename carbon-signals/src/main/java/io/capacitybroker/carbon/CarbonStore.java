package io.capacitybroker.carbon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * JDBC access to {@code carbon_intensity_observation} (monthly partitions, created before writing), to
 * the carbon rows of {@code ingest_run}, to the WattTime regions stored on {@code region} and to the
 * zones a source refused ({@code carbon_zone_access_denied}). Writes are batched upserts in one transaction.
 */
public final class CarbonStore {

    private final DataSource dataSource;

    public CarbonStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Upserts the observations (same zone/signal/kind/validAt/source: the newer fetch wins). Returns rows written. */
    public int write(Collection<IntensityObservation> observations) throws SQLException {
        if (observations.isEmpty()) {
            return 0;
        }
        ensurePartitions(observations);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = 0;
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO carbon_intensity_observation
                               (grid_zone, signal, kind, valid_at, fetched_at, gco2e_per_kwh, source)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (grid_zone, signal, kind, valid_at, source) DO UPDATE
                           SET fetched_at = EXCLUDED.fetched_at, gco2e_per_kwh = EXCLUDED.gco2e_per_kwh
                         WHERE carbon_intensity_observation.fetched_at <= EXCLUDED.fetched_at
                        """)) {
                    for (IntensityObservation o : observations) {
                        ps.setString(1, o.zone());
                        ps.setString(2, o.signal().db());
                        ps.setString(3, o.kind().db());
                        ps.setObject(4, OffsetDateTime.ofInstant(o.validAt(), ZoneOffset.UTC));
                        ps.setObject(5, OffsetDateTime.ofInstant(o.fetchedAt(), ZoneOffset.UTC));
                        ps.setBigDecimal(6, java.math.BigDecimal.valueOf(o.gco2PerKwh()).setScale(3, java.math.RoundingMode.HALF_UP));
                        ps.setString(7, o.source());
                        ps.addBatch();
                        if (++n % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Creates the monthly partitions the observations need, each in its own short transaction under the
     * broker's global partition lock: partition DDL locks the parent table strongly, so running it inside
     * concurrent writes would deadlock them. A month whose rows already sit in the default partition is
     * left there (a partition cannot be created over them).
     */
    private void ensurePartitions(Collection<IntensityObservation> observations) throws SQLException {
        TreeSet<Instant> months = new TreeSet<>();
        for (IntensityObservation o : observations) {
            OffsetDateTime t = OffsetDateTime.ofInstant(o.validAt(), ZoneOffset.UTC);
            months.add(t.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        try (Connection c = dataSource.getConnection()) {
            for (Instant m : months) {
                OffsetDateTime from = OffsetDateTime.ofInstant(m, ZoneOffset.UTC);
                String name = String.format("carbon_intensity_observation_%04d%02d", from.getYear(), from.getMonthValue());
                try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                    exists.setString(1, name);
                    try (var rs = exists.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            continue;
                        }
                    }
                }
                c.setAutoCommit(false);
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('capacity-broker:partitions'))");
                     PreparedStatement inDefault = c.prepareStatement(
                             "SELECT 1 FROM carbon_intensity_observation_default WHERE valid_at >= ? AND valid_at < ? LIMIT 1");
                     PreparedStatement ps = c.prepareStatement(
                             "SELECT ensure_monthly_partitions('carbon_intensity_observation'::regclass, ?, ?)")) {
                    lock.execute();
                    inDefault.setObject(1, from);
                    inDefault.setObject(2, from.plusMonths(1));
                    boolean blocked;
                    try (var rs = inDefault.executeQuery()) {
                        blocked = rs.next();
                    }
                    if (!blocked) {
                        ps.setObject(1, from);
                        ps.setObject(2, from.plusMonths(1));
                        ps.execute();
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    /** The newest observation of a kind with {@code validAt <= at} (and, if given, {@code validAt >= notBefore}). */
    public Optional<IntensityObservation> latest(String zone, SignalType signal, ObservationKind kind, Instant at,
                                                  Instant notBefore, List<String> sourcePriority) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT grid_zone, signal, kind, valid_at, fetched_at, gco2e_per_kwh, source
                FROM carbon_intensity_observation
                WHERE grid_zone = ? AND signal = ? AND kind = ? AND valid_at <= ? AND valid_at >= ?
                ORDER BY valid_at DESC, fetched_at DESC
                LIMIT 20
                """)) {
            ps.setString(1, zone);
            ps.setString(2, signal.db());
            ps.setString(3, kind.db());
            ps.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setObject(5, OffsetDateTime.ofInstant(notBefore == null ? Instant.parse("1970-01-01T00:00:00Z") : notBefore, ZoneOffset.UTC));
            List<IntensityObservation> rows = read(ps);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Instant newest = rows.getFirst().validAt();
            return rows.stream().filter(r -> r.validAt().equals(newest))
                    .min((a, b) -> Integer.compare(rank(a.source(), sourcePriority), rank(b.source(), sourcePriority)));
        }
    }

    /** Forecast points in [from, to), the newest fetch per point and, among sources, the preferred one. */
    public List<IntensityObservation> forecast(String zone, SignalType signal, Instant from, Instant to,
                                               List<String> sourcePriority) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT ON (valid_at, source) grid_zone, signal, kind, valid_at, fetched_at, gco2e_per_kwh, source
                FROM carbon_intensity_observation
                WHERE grid_zone = ? AND signal = ? AND kind = 'forecast' AND valid_at >= ? AND valid_at < ?
                ORDER BY valid_at, source, fetched_at DESC
                """)) {
            ps.setString(1, zone);
            ps.setString(2, signal.db());
            ps.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            List<IntensityObservation> rows = read(ps);
            List<IntensityObservation> out = new ArrayList<>();
            for (IntensityObservation r : rows) {
                if (!out.isEmpty() && out.getLast().validAt().equals(r.validAt())) {
                    if (rank(r.source(), sourcePriority) < rank(out.getLast().source(), sourcePriority)) {
                        out.set(out.size() - 1, r);
                    }
                } else {
                    out.add(r);
                }
            }
            return out;
        }
    }

    /** Every stored observation of a zone in [from, to) (history, for the API and tests). */
    public List<IntensityObservation> history(String zone, SignalType signal, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT grid_zone, signal, kind, valid_at, fetched_at, gco2e_per_kwh, source
                FROM carbon_intensity_observation
                WHERE grid_zone = ? AND signal = ? AND kind = 'actual' AND valid_at >= ? AND valid_at < ?
                ORDER BY valid_at, source
                """)) {
            ps.setString(1, zone);
            ps.setString(2, signal.db());
            ps.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            return read(ps);
        }
    }

    long startRun(String source, Instant started) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ingest_run (source_kind, provider_code, source, started_at, status)
                VALUES ('carbon', NULL, ?, ?, 'running') RETURNING id
                """)) {
            ps.setString(1, source);
            ps.setObject(2, OffsetDateTime.ofInstant(started, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void finishRun(long id, Instant finished, boolean ok, int zonesSeen, int written, String error) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE ingest_run SET finished_at = ?, status = ?, offers_seen = ?, observations_written = ?, error = ?
                WHERE id = ?
                """)) {
            ps.setObject(1, OffsetDateTime.ofInstant(finished, ZoneOffset.UTC));
            ps.setString(2, ok ? "succeeded" : "failed");
            ps.setInt(3, zonesSeen);
            ps.setInt(4, written);
            ps.setString(5, error);
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    /** When the source last refreshed successfully. */
    public Optional<Instant> lastSuccess(String source) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT max(finished_at) FROM ingest_run WHERE source_kind = 'carbon' AND source = ? AND status = 'succeeded'
                """)) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return Optional.ofNullable(t).map(Timestamp::toInstant);
            }
        }
    }

    /** The WattTime regions stored for catalog regions ({@code region.watttime_region} with its provenance). */
    public List<WattTimeMapping> wattTimeMappings() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT provider_code, code, watttime_region, watttime_region_source, watttime_region_resolved_at
                FROM region WHERE watttime_region IS NOT NULL ORDER BY provider_code, code
                """); ResultSet rs = ps.executeQuery()) {
            List<WattTimeMapping> out = new ArrayList<>();
            while (rs.next()) {
                OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                out.add(new WattTimeMapping(io.capacitybroker.domain.ProviderId.of(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), at == null ? null : at.toInstant()));
            }
            return out;
        }
    }

    /** A zone a source refused to serve to this account (e.g. a WattTime region outside the plan), since when and why. */
    public record AccessDenied(String source, String zone, Instant since, Instant checkedAt, String detail) {
    }

    /** The zones the source refused, by zone. */
    public Map<String, AccessDenied> accessDenied(String source) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT source, zone, since, checked_at, detail FROM carbon_zone_access_denied WHERE source = ?
                """)) {
            ps.setString(1, source);
            Map<String, AccessDenied> out = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(2), new AccessDenied(rs.getString(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, OffsetDateTime.class).toInstant(),
                            rs.getString(5)));
                }
            }
            return out;
        }
    }

    /** Records that the source refused the zone at {@code at}; true when it was not recorded before. */
    boolean denyAccess(String source, String zone, Instant at, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO carbon_zone_access_denied (source, zone, since, checked_at, detail) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (source, zone) DO UPDATE SET checked_at = EXCLUDED.checked_at, detail = EXCLUDED.detail
                RETURNING (xmax = 0)
                """)) {
            ps.setString(1, source);
            ps.setString(2, zone);
            ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(5, detail);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The source serves the zone again. */
    void allowAccess(String source, String zone) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM carbon_zone_access_denied WHERE source = ? AND zone = ?")) {
            ps.setString(1, source);
            ps.setString(2, zone);
            ps.executeUpdate();
        }
    }

    private static List<IntensityObservation> read(PreparedStatement ps) throws SQLException {
        List<IntensityObservation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IntensityObservation(rs.getString(1), SignalType.fromDb(rs.getString(2)),
                        ObservationKind.fromDb(rs.getString(3)), rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getBigDecimal(6).doubleValue(), rs.getString(7)));
            }
        }
        return out;
    }

    private static int rank(String source, List<String> priority) {
        int i = priority.indexOf(source);
        return i < 0 ? priority.size() : i;
    }
}
