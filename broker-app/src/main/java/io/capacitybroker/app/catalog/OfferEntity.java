package io.capacitybroker.app.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One rentable pool with its current price (read model; written in bulk by the pricing ingest). */
@Entity
@Table(name = "offer")
@SecondaryTable(name = "offer_price", pkJoinColumns = @PrimaryKeyJoinColumn(name = "offer_id"))
public class OfferEntity {

    @Id
    private Long id;

    @Column(name = "offer_key", nullable = false, unique = true)
    private String offerKey;

    @Column(name = "provider_code", nullable = false)
    private String providerCode;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "region_id")
    private RegionEntity region;

    private String zone;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "instance_type_id")
    private InstanceTypeEntity instanceType;

    @Column(nullable = false)
    private String market;

    @Column(table = "offer_price", name = "price_per_hour", nullable = false, precision = 18, scale = 8)
    private BigDecimal pricePerHour;

    @Column(table = "offer_price", nullable = false, length = 3, columnDefinition = "bpchar(3)")
    private String currency;

    @Column(table = "offer_price", name = "price_observed_at", nullable = false)
    private Instant priceObservedAt;

    @Column(table = "offer_price", name = "price_fetched_at", nullable = false)
    private Instant priceFetchedAt;

    @Column(table = "offer_price", name = "price_source", nullable = false)
    private String priceSource;

    @Column(name = "available_nodes")
    private Integer availableNodes;

    @Column(name = "interruption_rate_per_hour")
    private Double interruptionRatePerHour;

    @Column(name = "unavailable_until")
    private Instant unavailableUntil;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    protected OfferEntity() {
    }

    public Long getId() {
        return id;
    }

    public String getOfferKey() {
        return offerKey;
    }

    public String getProviderCode() {
        return providerCode;
    }

    public RegionEntity getRegion() {
        return region;
    }

    public String getZone() {
        return zone;
    }

    public InstanceTypeEntity getInstanceType() {
        return instanceType;
    }

    public String getMarket() {
        return market;
    }

    public BigDecimal getPricePerHour() {
        return pricePerHour;
    }

    public String getCurrency() {
        return currency;
    }

    public Instant getPriceObservedAt() {
        return priceObservedAt;
    }

    public Instant getPriceFetchedAt() {
        return priceFetchedAt;
    }

    public String getPriceSource() {
        return priceSource;
    }

    public Integer getAvailableNodes() {
        return availableNodes;
    }

    public Double getInterruptionRatePerHour() {
        return interruptionRatePerHour;
    }

    public Instant getUnavailableUntil() {
        return unavailableUntil;
    }

    public boolean isActive() {
        return active;
    }

    public Instant getFirstSeenAt() {
        return firstSeenAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }
}
