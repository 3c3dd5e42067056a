package io.capacitybroker.provider.simulated;

import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The immutable, parsed catalog: pools and regions per provider. Thread-safe; shared by every cloud. */
final class Catalog {

    private final List<CatalogPool> pools;
    private final Map<ProviderId, List<CatalogPool>> poolsByProvider;
    private final Map<OfferKey, CatalogPool> byKey;
    private final Map<ProviderId, List<Region>> regions;
    private final CatalogStats stats;

    Catalog(List<CatalogPool> pools, Map<ProviderId, List<Region>> regions, CatalogStats stats) {
        this.pools = List.copyOf(pools);
        Map<ProviderId, List<CatalogPool>> grouped = new LinkedHashMap<>();
        Map<OfferKey, CatalogPool> keys = new HashMap<>(pools.size() * 2);
        for (int i = 0; i < this.pools.size(); i++) {
            CatalogPool p = this.pools.get(i);
            if (p.index() != i) {
                throw new IllegalArgumentException("pool index " + p.index() + " at position " + i);
            }
            if (keys.put(p.key(), p) != null) {
                throw new IllegalArgumentException("duplicate pool " + p.key().id());
            }
            grouped.computeIfAbsent(p.key().provider(), k -> new ArrayList<>()).add(p);
        }
        Map<ProviderId, List<CatalogPool>> frozen = new LinkedHashMap<>();
        grouped.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.poolsByProvider = Collections.unmodifiableMap(frozen);
        this.byKey = Collections.unmodifiableMap(keys);
        Map<ProviderId, List<Region>> r = new LinkedHashMap<>();
        regions.forEach((k, v) -> r.put(k, List.copyOf(v)));
        this.regions = Collections.unmodifiableMap(r);
        this.stats = stats;
    }

    /** The bundled catalog, parsed once per class loader on first use. */
    static Catalog bundled() {
        return Holder.BUNDLED;
    }

    private static final class Holder {
        static final Catalog BUNDLED = new CatalogLoader(CatalogLoader.classpath()).load();
    }

    int size() {
        return pools.size();
    }

    CatalogPool pool(int index) {
        return pools.get(index);
    }

    List<CatalogPool> pools(ProviderId provider) {
        return poolsByProvider.getOrDefault(provider, List.of());
    }

    CatalogPool find(OfferKey key) {
        return byKey.get(key);
    }

    List<Region> regions(ProviderId provider) {
        return regions.getOrDefault(provider, List.of());
    }

    CatalogStats stats() {
        return stats;
    }
}
