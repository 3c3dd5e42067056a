package io.capacitybroker.carbon;

import java.util.List;

/** A region the region map does not know (so no grid zone, no carbon figure). */
public final class UnknownRegionException extends RuntimeException {

    private final List<String> regions;

    public UnknownRegionException(List<String> regions) {
        super("no grid zone mapped for " + String.join(", ", regions));
        this.regions = List.copyOf(regions);
    }

    /** The unknown regions as {@code provider:region}. */
    public List<String> regions() {
        return regions;
    }
}
