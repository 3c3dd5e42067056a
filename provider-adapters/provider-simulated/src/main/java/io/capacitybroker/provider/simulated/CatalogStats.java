package io.capacitybroker.provider.simulated;

import java.time.Duration;
import java.util.Map;

/**
 * What was loaded from the bundled catalog: pools per price source, rows skipped per data file (no known
 * shape, no or zero price, duplicates), and how long parsing took.
 */
public record CatalogStats(Map<String, Integer> poolsBySource, Map<String, Integer> skippedRowsByFile,
                           Duration loadTime) {

    public CatalogStats {
        poolsBySource = Map.copyOf(poolsBySource);
        skippedRowsByFile = Map.copyOf(skippedRowsByFile);
    }

    public int totalPools() {
        return poolsBySource.values().stream().mapToInt(Integer::intValue).sum();
    }
}
