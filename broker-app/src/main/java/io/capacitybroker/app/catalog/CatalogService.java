package io.capacitybroker.app.catalog;

import io.capacitybroker.app.web.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the stored catalog: offers, their price history, per-provider summaries and freshness. */
@Service
@Transactional(readOnly = true)
public class CatalogService {

    private final OfferRepository offers;
    private final JdbcClient jdbc;
    private final CatalogProperties properties;
    private final Clock clock;

    public CatalogService(OfferRepository offers, JdbcClient jdbc, CatalogProperties properties, Clock clock) {
        this.offers = offers;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    public PageView<OfferView> listOffers(OfferQuery query, int page, int size, Sort sort) {
        Page<OfferEntity> result = offers.findAll(query.toSpecification(), PageRequest.of(page, size, sort));
        Instant now = clock.instant();
        Map<String, Instant> confirmed = pricesConfirmedAt();
        List<OfferView> items = result.getContent().stream().map(o -> toView(o, now, confirmed)).toList();
        return new PageView<>(items, page, size, result.getTotalElements(), result.getTotalPages());
    }

    public OfferView offer(String offerId) {
        return offers.findByOfferKey(offerId).map(o -> toView(o, clock.instant(), pricesConfirmedAt()))
                .orElseThrow(() -> new NotFoundException("no offer " + offerId));
    }

    /** Price change points of one offer between {@code from} (inclusive) and {@code to} (exclusive), oldest first. */
    public PageView<PricePoint> priceHistory(String offerId, Instant from, Instant to, int page, int size) {
        Long id = jdbc.sql("SELECT id FROM offer WHERE offer_key = ?").param(offerId).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("no offer " + offerId));
        long total = jdbc.sql("SELECT count(*) FROM price_observation WHERE offer_id = ? AND observed_at >= ? AND observed_at < ?")
                .params(id, Timestamp.from(from), Timestamp.from(to)).query(Long.class).single();
        List<PricePoint> points = jdbc.sql("""
                        SELECT observed_at, fetched_at, price_per_hour, currency, source FROM price_observation
                        WHERE offer_id = ? AND observed_at >= ? AND observed_at < ?
                        ORDER BY observed_at LIMIT ? OFFSET ?
                        """)
                .params(id, Timestamp.from(from), Timestamp.from(to), size, (long) page * size)
                .query((rs, n) -> new PricePoint(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(),
                        rs.getBigDecimal(3), rs.getString(4).trim(), rs.getString(5)))
                .list();
        return new PageView<>(points, page, size, total, (int) ((total + size - 1) / size));
    }

    /** Count, regions and cheapest price per vCPU-hour of the active offers, per provider and market. */
    public List<ProviderMarketSummary> summary() {
        return jdbc.sql("""
                        SELECT o.provider_code, o.market, count(*) AS offers, count(DISTINCT o.region_id) AS regions,
                               min(op.price_per_hour / t.vcpus) AS min_per_vcpu,
                               greatest(max(op.price_fetched_at), max(p.prices_refreshed_at)) AS newest_fetch
                        FROM offer o JOIN instance_type t ON t.id = o.instance_type_id
                        JOIN offer_price op ON op.offer_id = o.id
                        JOIN provider p ON p.code = o.provider_code
                        WHERE o.active
                        GROUP BY o.provider_code, o.market ORDER BY o.provider_code, o.market
                        """)
                .query((rs, n) -> new ProviderMarketSummary(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).setScale(8, RoundingMode.HALF_EVEN),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** When each provider's listing (and so every active offer's price) was last confirmed by a refresh. */
    private Map<String, Instant> pricesConfirmedAt() {
        Map<String, Instant> m = new HashMap<>();
        jdbc.sql("SELECT code, prices_refreshed_at FROM provider WHERE prices_refreshed_at IS NOT NULL")
                .query(rs -> {
                    m.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return m;
    }

    OfferView toView(OfferEntity o, Instant now, Map<String, Instant> confirmed) {
        InstanceTypeEntity t = o.getInstanceType();
        BigDecimal perVcpu = o.getPricePerHour().divide(t.getVcpus(), 8, RoundingMode.HALF_EVEN);
        Instant fetched = o.getPriceFetchedAt();
        Instant providerConfirmed = confirmed.get(o.getProviderCode());
        if (o.isActive() && providerConfirmed != null && providerConfirmed.isAfter(fetched)) {
            fetched = providerConfirmed; // the last refresh listed this offer at this price
        }
        boolean stale = fetched.plus(properties.staleAfter(o.getProviderCode())).isBefore(now);
        return new OfferView(o.getOfferKey(), o.getProviderCode(), o.getRegion().getCode(), o.getZone(), t.getName(),
                o.getMarket(), t.getVcpus().stripTrailingZeros(), t.getMemoryGib().stripTrailingZeros(), t.getGpus(),
                t.getArchitecture(), o.getPricePerHour().stripTrailingZeros(), o.getCurrency().trim(), perVcpu.stripTrailingZeros(),
                o.getPriceObservedAt(), fetched, o.getPriceSource(), stale, o.getAvailableNodes(),
                o.getInterruptionRatePerHour(), o.getUnavailableUntil(), o.isActive(), o.getRegion().getGridZone());
    }

    /** One price change point. */
    public record PricePoint(Instant observedAt, Instant fetchedAt, BigDecimal pricePerHour, String currency, String source) {
    }

    /** Aggregate of the active offers of one provider and market. */
    public record ProviderMarketSummary(String provider, String market, long offers, long regions,
                                        BigDecimal minPricePerVcpuHour, Instant newestPriceFetchedAt) {
    }
}
