package io.capacitybroker.provider.spi;

import io.capacitybroker.domain.Market;
import java.util.Set;

/** Narrows a catalog listing. Empty sets mean "all". */
public record OfferFilter(Set<String> regions, Set<Market> markets, Set<String> instanceTypes) {

    public OfferFilter {
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        markets = markets == null ? Set.of() : Set.copyOf(markets);
        instanceTypes = instanceTypes == null ? Set.of() : Set.copyOf(instanceTypes);
    }

    public static OfferFilter all() {
        return new OfferFilter(Set.of(), Set.of(), Set.of());
    }

    public boolean matches(String region, Market market, String instanceType) {
        return (regions.isEmpty() || regions.contains(region))
                && (markets.isEmpty() || markets.contains(market))
                && (instanceTypes.isEmpty() || instanceTypes.contains(instanceType));
    }
}
