package io.capacitybroker.carbon;

import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.ProviderException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every stored region (catalog regions and the regions of owned sites, table {@code region}) with a
 * known position a WattTime region, by asking WattTime ({@code GET /v3/region-from-loc}) and storing the
 * answer in {@code region.watttime_region} with its provenance ({@code watttime_region_from_loc}, resolved at).
 *
 * <ul>
 *   <li>The position is the region map's (the bundled, curated one), else the one the provider reported.
 *   <li>A region whose WattTime region is verified (a region-map row with one, or a stored
 *       {@code region_map} value) is never asked: a resolution never replaces a verified mapping.
 *   <li>A resolved region is asked again once its answer is older than the re-check period (WattTime asks
 *       its users to re-query at least monthly: region boundaries change); a region whose lookup failed for
 *       good (404 / 400 / 403) is asked again after the same period, one that failed for a passing reason
 *       (5xx, timeout, malformed answer) on the next run.
 *   <li>One region failing does not stop the others, and never erases what is stored: only when and why it
 *       failed is recorded. A refused login or a lasting 429 stops the run (every further call would fail
 *       the same way); the remaining regions are asked on the next run.
 *   <li>Requests go through the {@link WattTimeSource}'s rate limiter (10 a second, 3,000 in 5 minutes) and
 *       its retries with backoff; regions at the same position are asked once per run.
 * </ul>
 */
public final class WattTimeRegionResolver {

    private static final Logger log = LoggerFactory.getLogger(WattTimeRegionResolver.class);

    /** WattTime: "re-query /v3/region-from-loc at least once a month". */
    public static final Duration DEFAULT_RECHECK = Duration.ofDays(30);

    /**
     * The outcome of one run: {@code regions} stored regions, of which {@code verified} have a verified WattTime
     * region, {@code withoutPosition} have no known position, {@code upToDate} were resolved (or failed for good)
     * within the re-check period; {@code asked} were asked, {@code resolved} answered ({@code changed} of them
     * with another region than stored before), {@code failed} did not. {@code error} says why the run stopped early.
     */
    public record Result(Instant startedAt, Instant finishedAt, int regions, int verified, int withoutPosition, int upToDate,
                         int asked, int resolved, int changed, int failed, String error, List<String> failures) {
    }

    private record Row(long id, ProviderId provider, String code, GeoLocation position, String wattTimeRegion, String source,
                       Instant resolvedAt, Instant checkedAt, String error) {
        String ref() {
            return provider.code() + ":" + code;
        }
    }

    private final DataSource dataSource;
    private final WattTimeSource wattTime;
    private final RegionMap bundled;
    private final Clock clock;
    private final Duration recheckAfter;

    public WattTimeRegionResolver(DataSource dataSource, WattTimeSource wattTime, RegionMap bundled, Clock clock,
                                  Duration recheckAfter) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.wattTime = Objects.requireNonNull(wattTime, "wattTime");
        this.bundled = Objects.requireNonNull(bundled, "bundled");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recheckAfter = Objects.requireNonNull(recheckAfter, "recheckAfter");
        if (recheckAfter.isNegative()) {
            throw new IllegalArgumentException("recheckAfter must be >= 0");
        }
    }

    public Duration recheckAfter() {
        return recheckAfter;
    }

    /** Resolves every region that is due. Never throws. */
    public Result resolve() {
        Instant started = clock.instant();
        List<Row> rows;
        try {
            rows = load();
        } catch (SQLException | RuntimeException e) {
            log.warn("WattTime regions: cannot read the stored regions: {}", e.getMessage());
            return new Result(started, clock.instant(), 0, 0, 0, 0, 0, 0, 0, 0, "storage_error: " + e.getMessage(), List.of());
        }
        int verified = 0;
        int withoutPosition = 0;
        int upToDate = 0;
        List<Row> due = new ArrayList<>();
        List<GeoLocation> positions = new ArrayList<>();
        for (Row r : rows) {
            RegionZone map = bundled.findBundled(r.provider(), r.code()).orElse(null);
            if (map != null && map.wattTime().isPresent()
                    || r.wattTimeRegion() != null && !RegionZone.WATTTIME_FROM_LOCATION.equals(r.source())) {
                verified++;
                continue;
            }
            GeoLocation pos = map != null && map.position() != null ? map.position() : r.position();
            if (pos == null) {
                withoutPosition++;
                continue;
            }
            if (!due(r, started)) {
                upToDate++;
                continue;
            }
            due.add(r);
            positions.add(pos);
        }
        int resolved = 0;
        int changed = 0;
        int asked = 0;
        List<String> failures = new ArrayList<>();
        String error = null;
        // regions at the same position (an OVHcloud site and its datacenter codes) cost one request per run
        Map<GeoLocation, Object> answers = new HashMap<>();
        for (int i = 0; i < due.size(); i++) {
            Row r = due.get(i);
            GeoLocation pos = positions.get(i);
            asked++;
            String answer;
            try {
                Object known = answers.get(pos);
                if (known instanceof ProviderException e) {
                    throw e;
                }
                answer = known != null ? (String) known : wattTime.regionFromLocation(pos.latitude(), pos.longitude());
                answers.put(pos, answer);
            } catch (ProviderException e) {
                answers.putIfAbsent(pos, e);
                if (e instanceof ProviderException.AuthFailed && !WattTimeSource.isNoAccess(e) || e instanceof ProviderException.Throttled) {
                    // not about this region: every further call would fail the same way; nothing is recorded on the region
                    asked--;
                    error = e.code() + ": " + e.getMessage();
                    break;
                }
                failures.add(r.ref() + ": " + e.code() + " " + e.getMessage());
                log.warn("WattTime region of {} ({}, {}) not resolved, {}: {}{}", r.ref(), pos.latitude(), pos.longitude(), e.code(),
                        e.getMessage(), r.wattTimeRegion() == null ? "" : "; keeping " + r.wattTimeRegion());
                try {
                    recordFailure(r, started, e.code() + ": " + e.getMessage());
                } catch (SQLException ex) {
                    log.warn("WattTime regions: cannot record the failure of {}: {}", r.ref(), ex.getMessage());
                }
                continue;
            } catch (RuntimeException e) {
                failures.add(r.ref() + ": " + e);
                log.warn("WattTime region of {} not resolved: {}", r.ref(), e.toString());
                continue;
            }
            try {
                if (store(r, answer, clock.instant())) {
                    resolved++;
                    if (r.wattTimeRegion() != null && !r.wattTimeRegion().equals(answer)) {
                        changed++;
                        log.info("WattTime region of {} changed from {} to {}", r.ref(), r.wattTimeRegion(), answer);
                    }
                } else {
                    verified++; // a verified WattTime region was stored meanwhile: it stays
                }
            } catch (SQLException e) {
                error = "storage_error: " + e.getMessage();
                break;
            }
        }
        Result result = new Result(started, clock.instant(), rows.size(), verified, withoutPosition, upToDate, asked, resolved, changed,
                failures.size(), error, List.copyOf(failures));
        if (asked > 0 || error != null) {
            log.info("WattTime regions: {} stored regions, {} verified, {} without position, {} up to date; {} asked: {} resolved "
                            + "({} changed), {} failed{}", rows.size(), verified, withoutPosition, upToDate, asked, resolved, changed,
                    failures.size(), error == null ? "" : " — stopped: " + error);
        } else {
            log.debug("WattTime regions: nothing due ({} stored regions, {} verified, {} without position, {} up to date)", rows.size(),
                    verified, withoutPosition, upToDate);
        }
        return result;
    }

    /** Never asked, failed for a passing reason, or the last answer (or lasting failure) is older than the re-check period. */
    private boolean due(Row r, Instant now) {
        if (r.error() != null && r.checkedAt() != null) {
            return transientError(r.error()) || !r.checkedAt().plus(recheckAfter).isAfter(now);
        }
        if (r.resolvedAt() != null) {
            return !r.resolvedAt().plus(recheckAfter).isAfter(now);
        }
        return true;
    }

    private static boolean transientError(String error) {
        return error.startsWith("unavailable:") || error.startsWith("throttled:");
    }

    private List<Row> load() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, provider_code, code, latitude, longitude, watttime_region, watttime_region_source,
                       watttime_region_resolved_at, watttime_region_checked_at, watttime_region_error
                FROM region ORDER BY provider_code, code
                """); ResultSet rs = ps.executeQuery()) {
            List<Row> out = new ArrayList<>();
            while (rs.next()) {
                ProviderId p;
                try {
                    p = ProviderId.of(rs.getString(2));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                Double lat = (Double) rs.getObject(4);
                Double lon = (Double) rs.getObject(5);
                out.add(new Row(rs.getLong(1), p, rs.getString(3), lat == null || lon == null ? null : new GeoLocation(lat, lon),
                        rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9), rs.getString(10)));
            }
            return out;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Stores the answer unless a verified WattTime region is stored now; true when stored. */
    private boolean store(Row r, String wattTimeRegion, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE region SET watttime_region = ?, watttime_region_source = 'watttime_region_from_loc',
                       watttime_region_resolved_at = ?, watttime_region_checked_at = ?, watttime_region_error = NULL
                WHERE id = ? AND (watttime_region IS NULL OR watttime_region_source = 'watttime_region_from_loc')
                """)) {
            ps.setString(1, wattTimeRegion);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setLong(4, r.id());
            return ps.executeUpdate() == 1;
        }
    }

    /** Records when and why the lookup failed; the stored WattTime region, if any, stays. */
    private void recordFailure(Row r, Instant at, String error) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE region SET watttime_region_checked_at = ?, watttime_region_error = ? WHERE id = ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setLong(3, r.id());
            ps.executeUpdate();
        }
    }
}
