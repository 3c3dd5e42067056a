package io.capacitybroker.ingest;

import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 * <p>Change detection happens in memory against the provider's stored offers ({@link StoredCatalog}, kept
 * between refreshes and read back only when the database moved on), so that the only rows written are
 * the ones that changed: new offers and price observations are streamed with {@code COPY} straight into
 * their tables, and the database moves each offer's current price ({@code offer_price}) forward from the
 * observations (a statement trigger, migration V8), so a changed price is sent once. Pool fields that
 * changed, reappearing offers and source-only corrections are rewritten from arrays, and offers the
 * provider no longer lists are deactivated. A transaction advisory lock per provider keeps two refreshes
 * of the same provider from interleaving.
 */
final class CatalogMerge {

    record Result(int created, int deactivated, int observations, StoredCatalog catalog) {
    }

    static final int PRICE_SCALE = 8;

    private CatalogMerge() {
    }

    static Result merge(Connection c, ProviderId provider, List<Region> regions, List<Offer> offers,
                        boolean signalsFromAdapter, StepTimer steps, StoredCatalog cached, Instant now, Duration maxAge)
            throws SQLException, IOException {
        String p = provider.code();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "capacity-broker:ingest:" + p);
            lock.execute();
        }
        long version = catalogVersion(c, p);
        StoredCatalog catalog = cached != null && cached.usableAt(version, now, maxAge) ? cached : null;
        steps.mark(catalog == null ? "lock" : "lock+cached");
        if (catalog == null) {
            catalog = load(c, p, version, now);
            steps.mark("load-stored");
        }
        if (!regions.equals(catalog.regionsWritten)) {
            catalog.regionIds = upsertRegions(c, provider, regions, List.of());
            catalog.regionsWritten = List.copyOf(regions);
        }
        Map<String, InstanceShape> shapes = shapes(offers);
        if (!shapes.equals(catalog.shapesWritten)) {
            catalog.typeIds = upsertInstanceTypes(c, p, shapes);
            catalog.shapesWritten = shapes;
        }
        for (Offer o : offers) {
            if (!catalog.regionIds.containsKey(o.key().region())) {
                throw new IllegalArgumentException("offer " + o.key().id() + " is in a region its adapter does not list");
            }
        }
        steps.mark("regions+types");

        Map<String, StoredCatalog.StoredOffer> stored = catalog.offers;
        StringBuilder newOffers = new StringBuilder();
        List<Offer> newOfferList = new ArrayList<>();
        List<StoredCatalog.StoredOffer> rowChanges = new ArrayList<>();
        List<String> sourceChanges = new ArrayList<>();
        List<StoredCatalog.StoredOffer> sourceChanged = new ArrayList<>();
        Set<String> listed = new HashSet<>(offers.size() * 4 / 3 + 1);
        CsvRow.Repeated ts = new CsvRow.Repeated();
        PGConnection pg = c.unwrap(PGConnection.class);
        int observations;
        // the observations of changed prices go out while the rest of the listing is still being compared:
        // the server stores them on the other core, and the trigger moves the current prices forward
        try (ObservationCopy copy = new ObservationCopy(pg, ts)) {
            for (Offer o : offers) {
                String key = o.key().id();
                if (!listed.add(key)) {
                    throw new IllegalArgumentException("offer listed twice by " + p + ": " + key);
                }
                StoredCatalog.StoredOffer s = stored.get(key);
                BigDecimal price = stored(o.price().pricePerHour().amount());
                String currency = o.price().pricePerHour().currency().getCurrencyCode();
                Integer available = signalsFromAdapter ? null : o.availableNodes();
                Double interruption = signalsFromAdapter ? null : o.interruptionRatePerHour();
                if (s == null) {
                    CsvRow row = new CsvRow(newOffers);
                    row.text(key).text(p).raw(catalog.regionIds.get(o.key().region())).text(o.key().zone())
                            .raw(catalog.typeIds.get(o.key().instanceType())).text(o.key().market().wireName())
                            .raw(available).raw(interruption)
                            .raw("true").raw(ts.instant(o.price().fetchedAt())).raw(ts.instant(o.price().fetchedAt()));
                    row.end();
                    newOfferList.add(o);
                    continue;
                }
                boolean priceChanged = s.price.compareTo(price) != 0 || !s.currency.equals(currency);
                boolean offerRowChanged = !s.active || (!signalsFromAdapter && (!Objects.equals(s.available, available)
                        || !Objects.equals(s.interruption, interruption)));
                if (offerRowChanged) {
                    s.active = true;
                    s.available = available;
                    s.interruption = interruption;
                    rowChanges.add(s);
                }
                if (priceChanged) {
                    Instant observedAt = o.price().observedAt();
                    if (!observedAt.isAfter(s.observedAt)) {
                        // observation times never go backwards: a change reported with an old timestamp is dated when seen
                        observedAt = o.price().fetchedAt().isAfter(s.observedAt) ? o.price().fetchedAt()
                                : s.observedAt.plus(1, ChronoUnit.MICROS);
                    }
                    s.price = price;
                    s.currency = currency;
                    s.observedAt = observedAt;
                    s.source = o.price().source();
                    copy.add(s, o.price().fetchedAt());
                } else if (!Objects.equals(s.source, o.price().source())) {
                    // same price, now attributed to another source: correct the current row, no new observation
                    s.source = o.price().source();
                    sourceChanged.add(s);
                    sourceChanges.add(s.source);
                }
            }
            observations = copy.finish();
        }
        steps.mark("classify+observations");

        if (!newOfferList.isEmpty()) {
            insertNewOffers(c, pg, newOffers, newOfferList, stored, ts, signalsFromAdapter);
            try (ObservationCopy first = new ObservationCopy(pg, ts)) {
                for (Offer o : newOfferList) {
                    first.add(stored.get(o.key().id()), o.price().fetchedAt());
                }
                observations += first.finish();
            }
        }
        steps.mark("insert-offers");
        if (!rowChanges.isEmpty()) {
            updatePoolFields(c, rowChanges, now, signalsFromAdapter);
        }
        if (!sourceChanged.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE offer_price p SET price_source = c.source
                      FROM unnest(?::bigint[], ?::text[]) AS c(offer_id, source) WHERE p.offer_id = c.offer_id""")) {
                ps.setArray(1, c.createArrayOf("bigint", sourceChanged.stream().map(s -> s.id).toArray()));
                ps.setArray(2, c.createArrayOf("text", sourceChanges.toArray()));
                ps.executeUpdate();
            }
        }
        steps.mark("update-offers");

        List<StoredCatalog.StoredOffer> gone = new ArrayList<>();
        if (stored.size() > listed.size()) { // some stored offer is not listed any more
            stored.forEach((key, s) -> {
                if (s.active && !listed.contains(key)) {
                    gone.add(s);
                }
            });
        }
        int deactivated = 0;
        if (!gone.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE offer SET active = false WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", gone.stream().map(s -> s.id).toArray()));
                deactivated = ps.executeUpdate();
            }
            gone.forEach(s -> s.active = false);
        }
        steps.mark("deactivate");
        return new Result(newOfferList.size(), deactivated, observations, catalog);
    }

    /**
     * A {@code COPY} into {@code price_observation}, opened with its first row and streamed in chunks: one
     * row per stored offer whose price it carries (the offer's id, current price and observation time).
     */
    private static final class ObservationCopy implements AutoCloseable {
        private final PGConnection pg;
        private final CsvRow.Repeated text;
        private CopyStream copy;

        ObservationCopy(PGConnection pg, CsvRow.Repeated text) {
            this.pg = pg;
            this.text = text;
        }

        void add(StoredCatalog.StoredOffer s, Instant fetchedAt) throws SQLException {
            if (copy == null) {
                copy = new CopyStream(pg.getCopyAPI().copyIn(
                        "COPY price_observation (offer_id, observed_at, fetched_at, price_per_hour, currency, source) "
                                + "FROM STDIN (FORMAT csv)"));
            }
            copy.buffer().append(s.id).append(',').append(text.instant(s.observedAt)).append(',')
                    .append(text.instant(fetchedAt)).append(',').append(s.price.toPlainString()).append(',')
                    .append(text.text(s.currency)).append(',').append(text.text(s.source)).append('\n');
            copy.flushIfFull();
        }

        /** Rows stored. */
        int finish() throws SQLException {
            return copy == null ? 0 : (int) copy.finish();
        }

        @Override
        public void close() throws SQLException {
            if (copy != null) {
                copy.close();
            }
        }
    }

    private static void insertNewOffers(Connection c, PGConnection pg, StringBuilder newOffers, List<Offer> newOfferList,
                                        Map<String, StoredCatalog.StoredOffer> stored, CsvRow.Repeated ts,
                                        boolean signalsFromAdapter) throws SQLException, IOException {
        pg.getCopyAPI().copyIn("""
                COPY offer (offer_key, provider_code, region_id, zone, instance_type_id, market, available_nodes,
                            interruption_rate_per_hour, active, first_seen_at, last_seen_at)
                FROM STDIN (FORMAT csv)""", new StringReader(newOffers.toString()));
        Map<String, Offer> byKey = new HashMap<>(newOfferList.size() * 4 / 3 + 1);
        newOfferList.forEach(o -> byKey.put(o.key().id(), o));
        try (PreparedStatement ps = c.prepareStatement("SELECT offer_key, id FROM offer WHERE offer_key = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", byKey.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Offer o = byKey.get(rs.getString(1));
                    stored.put(o.key().id(), new StoredCatalog.StoredOffer(rs.getLong(2), stored(o.price().pricePerHour().amount()),
                            o.price().pricePerHour().currency().getCurrencyCode(), o.price().observedAt(), true,
                            o.price().source(), signalsFromAdapter ? null : o.availableNodes(),
                            signalsFromAdapter ? null : o.interruptionRatePerHour()));
                }
            }
        }
        // the current price row of a new offer; its first observation (written next) is not newer, so the
        // trigger leaves it as is
        StringBuilder prices = new StringBuilder(newOfferList.size() * 90);
        for (Offer o : newOfferList) {
            CsvRow row = new CsvRow(prices);
            StoredCatalog.StoredOffer s = stored.get(o.key().id());
            row.raw(s.id).raw(s.price.toPlainString())
                    .raw(ts.text(o.price().pricePerHour().currency().getCurrencyCode())).raw(ts.instant(o.price().observedAt()))
                    .raw(ts.instant(o.price().fetchedAt())).raw(ts.text(o.price().source()));
            row.end();
        }
        pg.getCopyAPI().copyIn("""
                COPY offer_price (offer_id, price_per_hour, currency, price_observed_at, price_fetched_at, price_source)
                FROM STDIN (FORMAT csv)""", new StringReader(prices.toString()));
    }

    /** Reappearing offers and, when the adapter does not report capacity signals separately, changed pool fields. */
    private static void updatePoolFields(Connection c, List<StoredCatalog.StoredOffer> changes, Instant now,
                                         boolean signalsFromAdapter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE offer o SET
                       available_nodes = CASE WHEN %1$s THEN o.available_nodes ELSE c.available_nodes END,
                       interruption_rate_per_hour = CASE WHEN %1$s THEN o.interruption_rate_per_hour
                                                         ELSE c.interruption_rate_per_hour END,
                       active = true, last_seen_at = ?
                  FROM unnest(?::bigint[], ?::integer[], ?::double precision[])
                       AS c(offer_id, available_nodes, interruption_rate_per_hour)
                 WHERE o.id = c.offer_id""".formatted(signalsFromAdapter))) {
            ps.setTimestamp(1, java.sql.Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("bigint", changes.stream().map(s -> s.id).toArray()));
            ps.setArray(3, c.createArrayOf("integer", changes.stream().map(s -> s.available).toArray()));
            ps.setArray(4, c.createArrayOf("float8", changes.stream().map(s -> s.interruption).toArray()));
            ps.executeUpdate();
        }
    }

    private static long catalogVersion(Connection c, String provider) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT catalog_version FROM provider WHERE code = ?")) {
            ps.setString(1, provider);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("unknown provider " + provider);
                }
                return rs.getLong(1);
            }
        }
    }

    private static StoredCatalog load(Connection c, String provider, long version, Instant now) throws SQLException {
        StoredCatalog catalog = new StoredCatalog(version, now);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT o.offer_key, o.id, p.price_per_hour, p.currency, p.price_observed_at, o.active, p.price_source,
                       o.available_nodes, o.interruption_rate_per_hour
                FROM offer o JOIN offer_price p ON p.offer_id = o.id WHERE o.provider_code = ?""")) {
            ps.setString(1, provider);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    catalog.offers.put(rs.getString(1), new StoredCatalog.StoredOffer(rs.getLong(2), rs.getBigDecimal(3),
                            rs.getString(4).trim(), rs.getTimestamp(5).toInstant(), rs.getBoolean(6), rs.getString(7),
                            (Integer) rs.getObject(8), (Double) rs.getObject(9)));
                }
            }
        }
        return catalog;
    }

    /**
     * A price as the catalog stores it ({@code numeric(18, 8)}): USD per hour to 1e-8. Compared and written in
     * this form, so that a price with more digits (derived per-hour prices) is not a change on every refresh.
     */
    static BigDecimal stored(BigDecimal pricePerHour) {
        return pricePerHour.scale() > PRICE_SCALE ? pricePerHour.setScale(PRICE_SCALE, RoundingMode.HALF_EVEN) : pricePerHour;
    }

    private static Map<String, InstanceShape> shapes(List<Offer> offers) {
        Map<String, InstanceShape> shapes = new LinkedHashMap<>();
        for (Offer o : offers) {
            InstanceShape prev = shapes.putIfAbsent(o.shape().instanceType(), o.shape());
            if (prev != null && prev != o.shape() && (prev.vcpus().compareTo(o.shape().vcpus()) != 0
                    || prev.memoryGiB().compareTo(o.shape().memoryGiB()) != 0)) {
                throw new IllegalArgumentException("instance type " + o.shape().instanceType() + " listed with two shapes");
            }
        }
        return shapes;
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

    private static Map<String, Long> upsertInstanceTypes(Connection c, String provider, Map<String, InstanceShape> shapes)
            throws SQLException {
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
        Set<Instant> instants = new HashSet<>(); // a catalog shares a handful of timestamps
        instants.add(fetchedAt);
        for (Offer o : offers) {
            instants.add(o.price().observedAt());
            instants.add(o.price().fetchedAt());
        }
        TreeSet<Instant> months = new TreeSet<>();
        instants.forEach(t -> months.add(monthOf(t)));
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
