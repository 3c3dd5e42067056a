package io.capacitybroker.ingest;

import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;

/**
 * Merges one provider's full listing into the catalog inside the caller's transaction.
 *
 * <p>Change detection happens in memory against the provider's stored offers (one indexed read), so
 * that the only rows written are the ones that changed: new offers and price observations are streamed
 * with {@code COPY} straight into their tables, changed offers are rewritten with one {@code UPDATE}
 * from a narrow staging table, and offers the provider no longer lists are deactivated. A transaction
 * advisory lock per provider keeps two refreshes of the same provider from interleaving.
 */
final class CatalogMerge {

    record Result(int created, int deactivated, int observations) {
    }

    private record Stored(long id, BigDecimal price, String currency, Instant observedAt, boolean active, String source,
                          Integer available, Double interruption) {
    }

    private CatalogMerge() {
    }

    static Result merge(Connection c, ProviderId provider, List<Region> regions, List<Offer> offers,
                        boolean signalsFromAdapter, StepTimer steps) throws SQLException, IOException {
        String p = provider.code();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "capacity-broker:ingest:" + p);
            lock.execute();
        }
        Map<String, Long> regionIds = upsertRegions(c, provider, regions, offers);
        Map<String, Long> typeIds = upsertInstanceTypes(c, p, offers);
        steps.mark("regions+types");
        Map<String, Stored> stored = loadStored(c, p);
        steps.mark("load-stored");

        StringBuilder newOffers = new StringBuilder();
        StringBuilder changes = new StringBuilder();
        List<Offer> observed = new ArrayList<>();
        List<String> newKeys = new ArrayList<>();
        List<Offer> newOfferList = new ArrayList<>();
        Set<String> listed = new HashSet<>(offers.size() * 2);
        int changedRows = 0;
        CsvRow row;
        for (Offer o : offers) {
            String key = o.key().id();
            if (!listed.add(key)) {
                throw new IllegalArgumentException("offer listed twice by " + p + ": " + key);
            }
            Stored s = stored.get(key);
            BigDecimal price = o.price().pricePerHour().amount();
            String currency = o.price().pricePerHour().currency().getCurrencyCode();
            Integer available = signalsFromAdapter ? null : o.availableNodes();
            Double interruption = signalsFromAdapter ? null : o.interruptionRatePerHour();
            if (s == null) {
                Long regionId = regionIds.get(o.key().region());
                Long typeId = typeIds.get(o.key().instanceType());
                row = new CsvRow(newOffers);
                row.text(key).text(p).raw(regionId).text(o.key().zone()).raw(typeId).text(o.key().market().wireName())
                        .raw(available).raw(interruption)
                        .raw("true").text(o.price().fetchedAt().toString()).text(o.price().fetchedAt().toString());
                row.end();
                newKeys.add(key);
                newOfferList.add(o);
                observed.add(o);
                continue;
            }
            boolean priceChanged = s.price.compareTo(price) != 0 || !s.currency.equals(currency);
            boolean priceRowChanged = priceChanged || !Objects.equals(s.source, o.price().source());
            boolean offerRowChanged = !s.active || (!signalsFromAdapter && (!Objects.equals(s.available, available)
                    || !Objects.equals(s.interruption, interruption)));
            if (!priceRowChanged && !offerRowChanged) {
                continue;
            }
            Instant observedAt = o.price().observedAt();
            if (priceChanged && !observedAt.isAfter(s.observedAt)) {
                // observation times never go backwards: a change reported with an old timestamp is dated when seen
                observedAt = o.price().fetchedAt().isAfter(s.observedAt) ? o.price().fetchedAt()
                        : s.observedAt.plus(1, ChronoUnit.MICROS);
            }
            row = new CsvRow(changes);
            row.raw(s.id).raw(price.toPlainString()).text(currency).raw(priceChanged).raw(priceRowChanged)
                    .raw(offerRowChanged).text(observedAt.toString()).text(o.price().fetchedAt().toString()).text(o.price().source())
                    .raw(signalsFromAdapter ? null : available).raw(signalsFromAdapter ? null : interruption);
            row.end();
            changedRows++;
            if (priceChanged) {
                observed.add(observedAt.equals(o.price().observedAt()) ? o
                        : new Offer(o.key(), o.shape(), new io.capacitybroker.domain.PriceQuote(o.price().pricePerHour(),
                        observedAt, o.price().fetchedAt(), o.price().source()), o.availableNodes(), o.interruptionRatePerHour()));
            }
        }
        steps.mark("classify");

        PGConnection pg = c.unwrap(PGConnection.class);
        if (!newKeys.isEmpty()) {
            pg.getCopyAPI().copyIn("""
                    COPY offer (offer_key, provider_code, region_id, zone, instance_type_id, market, available_nodes,
                                interruption_rate_per_hour, active, first_seen_at, last_seen_at)
                    FROM STDIN (FORMAT csv)""", new StringReader(newOffers.toString()));
            try (PreparedStatement ps = c.prepareStatement("SELECT offer_key, id FROM offer WHERE offer_key = ANY (?)")) {
                Array keys = c.createArrayOf("text", newKeys.toArray());
                ps.setArray(1, keys);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getString(1), new Stored(rs.getLong(2), null, null, null, true, null, null, null));
                    }
                }
            }
            StringBuilder prices = new StringBuilder(newOfferList.size() * 90);
            for (Offer o : newOfferList) {
                row = new CsvRow(prices);
                row.raw(stored.get(o.key().id()).id).raw(o.price().pricePerHour().amount().toPlainString())
                        .text(o.price().pricePerHour().currency().getCurrencyCode()).text(o.price().observedAt().toString())
                        .text(o.price().fetchedAt().toString()).text(o.price().source());
                row.end();
            }
            pg.getCopyAPI().copyIn("""
                    COPY offer_price (offer_id, price_per_hour, currency, price_observed_at, price_fetched_at, price_source)
                    FROM STDIN (FORMAT csv)""", new StringReader(prices.toString()));
        }
        steps.mark("insert-offers");
        if (changedRows > 0) {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TEMP TABLE offer_change (
                            offer_id bigint PRIMARY KEY, price_per_hour numeric NOT NULL, currency char(3) NOT NULL,
                            price_changed boolean NOT NULL, price_row_changed boolean NOT NULL,
                            offer_row_changed boolean NOT NULL, observed_at timestamptz NOT NULL, fetched_at timestamptz NOT NULL,
                            source text NOT NULL, available_nodes integer, interruption_rate_per_hour double precision
                        ) ON COMMIT DROP""");
            }
            pg.getCopyAPI().copyIn("COPY offer_change FROM STDIN (FORMAT csv)", new StringReader(changes.toString()));
            try (Statement st = c.createStatement()) {
                st.executeUpdate("""
                        UPDATE offer_price p SET
                               price_per_hour = c.price_per_hour, currency = c.currency,
                               price_observed_at = CASE WHEN c.price_changed THEN c.observed_at ELSE p.price_observed_at END,
                               price_fetched_at = CASE WHEN c.price_changed THEN c.fetched_at ELSE p.price_fetched_at END,
                               price_source = c.source
                        FROM offer_change c WHERE p.offer_id = c.offer_id AND c.price_row_changed""");
                st.executeUpdate("""
                        UPDATE offer o SET
                               available_nodes = CASE WHEN %1$s THEN o.available_nodes ELSE c.available_nodes END,
                               interruption_rate_per_hour = CASE WHEN %1$s THEN o.interruption_rate_per_hour
                                                                 ELSE c.interruption_rate_per_hour END,
                               active = true, last_seen_at = c.fetched_at
                        FROM offer_change c WHERE o.id = c.offer_id AND c.offer_row_changed""".formatted(signalsFromAdapter));
            }
        }
        steps.mark("update-offers");

        int observations = 0;
        if (!observed.isEmpty()) {
            StringBuilder obs = new StringBuilder(observed.size() * 90);
            for (Offer o : observed) {
                row = new CsvRow(obs);
                row.raw(stored.get(o.key().id()).id).text(o.price().observedAt().toString())
                        .text(o.price().fetchedAt().toString()).raw(o.price().pricePerHour().amount().toPlainString())
                        .text(o.price().pricePerHour().currency().getCurrencyCode()).text(o.price().source());
                row.end();
            }
            steps.mark("build-observations");
            observations = (int) pg.getCopyAPI().copyIn(
                    "COPY price_observation (offer_id, observed_at, fetched_at, price_per_hour, currency, source) "
                            + "FROM STDIN (FORMAT csv)", new StringReader(obs.toString()));
        }
        steps.mark("insert-observations");

        List<Long> gone = new ArrayList<>();
        stored.forEach((key, s) -> {
            if (s.active && !listed.contains(key)) {
                gone.add(s.id);
            }
        });
        int deactivated = 0;
        if (!gone.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE offer SET active = false WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", gone.toArray()));
                deactivated = ps.executeUpdate();
            }
        }
        steps.mark("deactivate");
        return new Result(newKeys.size(), deactivated, observations);
    }

    private static Map<String, Stored> loadStored(Connection c, String provider) throws SQLException {
        Map<String, Stored> m = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT o.offer_key, o.id, p.price_per_hour, p.currency, p.price_observed_at, o.active, p.price_source,
                       o.available_nodes, o.interruption_rate_per_hour
                FROM offer o JOIN offer_price p ON p.offer_id = o.id WHERE o.provider_code = ?""")) {
            ps.setString(1, provider);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), new Stored(rs.getLong(2), rs.getBigDecimal(3), rs.getString(4).trim(),
                            rs.getTimestamp(5).toInstant(), rs.getBoolean(6), rs.getString(7),
                            (Integer) rs.getObject(8), (Double) rs.getObject(9)));
                }
            }
        }
        return m;
    }

    static Map<String, Long> upsertRegions(Connection c, ProviderId provider, List<Region> regions, List<Offer> offers)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO region (provider_code, code, display_name, country, latitude, longitude, grid_zone)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (provider_code, code) DO UPDATE
                   SET display_name = EXCLUDED.display_name,
                       country = COALESCE(EXCLUDED.country, region.country),
                       latitude = COALESCE(EXCLUDED.latitude, region.latitude),
                       longitude = COALESCE(EXCLUDED.longitude, region.longitude),
                       grid_zone = COALESCE(EXCLUDED.grid_zone, region.grid_zone)
                 WHERE (region.display_name, region.country, region.latitude, region.longitude, region.grid_zone)
                       IS DISTINCT FROM (EXCLUDED.display_name, COALESCE(EXCLUDED.country, region.country),
                                         COALESCE(EXCLUDED.latitude, region.latitude),
                                         COALESCE(EXCLUDED.longitude, region.longitude),
                                         COALESCE(EXCLUDED.grid_zone, region.grid_zone))
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
        Map<String, Long> ids = ids(c, "SELECT code, id FROM region WHERE provider_code = ?", provider.code());
        for (Offer o : offers) {
            if (!ids.containsKey(o.key().region())) {
                throw new IllegalArgumentException("offer " + o.key().id() + " is in a region its adapter does not list");
            }
        }
        return ids;
    }

    private static Map<String, Long> upsertInstanceTypes(Connection c, String provider, List<Offer> offers)
            throws SQLException {
        Map<String, InstanceShape> shapes = new LinkedHashMap<>();
        for (Offer o : offers) {
            InstanceShape prev = shapes.putIfAbsent(o.shape().instanceType(), o.shape());
            if (prev != null && (prev.vcpus().compareTo(o.shape().vcpus()) != 0
                    || prev.memoryGiB().compareTo(o.shape().memoryGiB()) != 0)) {
                throw new IllegalArgumentException("instance type " + o.shape().instanceType() + " listed with two shapes");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO instance_type (provider_code, name, vcpus, memory_gib, gpus, architecture)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (provider_code, name) DO UPDATE
                   SET vcpus = EXCLUDED.vcpus, memory_gib = EXCLUDED.memory_gib,
                       gpus = EXCLUDED.gpus, architecture = EXCLUDED.architecture
                 WHERE (instance_type.vcpus, instance_type.memory_gib, instance_type.gpus, instance_type.architecture)
                       IS DISTINCT FROM (EXCLUDED.vcpus, EXCLUDED.memory_gib, EXCLUDED.gpus, EXCLUDED.architecture)
                """)) {
            for (InstanceShape s : shapes.values()) {
                ps.setString(1, provider);
                ps.setString(2, s.instanceType());
                ps.setBigDecimal(3, s.vcpus());
                ps.setBigDecimal(4, s.memoryGiB());
                ps.setInt(5, s.gpus());
                ps.setString(6, s.architecture());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids(c, "SELECT name, id FROM instance_type WHERE provider_code = ?", provider);
    }

    private static Map<String, Long> ids(Connection c, String sql, String provider) throws SQLException {
        Map<String, Long> m = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, provider);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return m;
    }

    /**
     * Creates the monthly partitions that observations of these offers (observed now or at their stated
     * time) will land in, each in its own short transaction under one global advisory lock: partition DDL
     * takes a strong lock on {@code price_observation}, so doing it inside concurrent refreshes of
     * different providers would deadlock them.
     */
    static void preparePartitions(javax.sql.DataSource dataSource, List<Offer> offers, Instant fetchedAt) throws SQLException {
        TreeSet<Instant> months = new TreeSet<>();
        months.add(monthOf(fetchedAt));
        for (Offer o : offers) {
            months.add(monthOf(o.price().observedAt()));
            months.add(monthOf(o.price().fetchedAt()));
        }
        try (Connection c = dataSource.getConnection()) {
            for (Instant month : months) {
                if (partitionExists(c, month)) {
                    continue;
                }
                c.setAutoCommit(false);
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('capacity-broker:partitions'))")) {
                    lock.execute();
                    ensurePartition(c, month);
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

    private static Instant monthOf(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static boolean partitionExists(Connection c, Instant monthStart) throws SQLException {
        OffsetDateTime from = monthStart.atOffset(ZoneOffset.UTC);
        try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, "price_observation_" + String.format("%04d%02d", from.getYear(), from.getMonthValue()));
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void ensurePartition(Connection c, Instant monthStart) throws SQLException {
        OffsetDateTime from = monthStart.atOffset(ZoneOffset.UTC);
        if (partitionExists(c, monthStart)) {
            return;
        }
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

}
