package io.capacitybroker.app.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/** One offer as the REST API shows it: shape, current price and where and when the price came from. */
public record OfferView(String offerId, String provider, String region, String zone, String instanceType, String market,
                        BigDecimal vcpus, BigDecimal memoryGiB, int gpus, String architecture,
                        BigDecimal pricePerHour, String currency, BigDecimal pricePerVcpuHour,
                        Instant priceObservedAt, Instant priceFetchedAt, String priceSource, boolean stale,
                        Integer available, Double interruptionRatePerHour, Instant unavailableUntil, boolean active,
                        String gridZone) {
}
