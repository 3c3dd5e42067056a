package io.capacitybroker.ingest;

import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.domain.Region;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database holds of one provider's catalog, as far as change detection needs it: each offer's
 * id, current price and pool fields, plus the ids of its regions and instance types and the inputs they
 * were last written from.
 *
 * <p>An ingest process keeps it in memory between refreshes so that a refresh does not read the whole
 * catalog back. It is trusted only while {@code provider.catalog_version} still holds the value it was
 * taken at (every refresh increments it in its own transaction, so a refresh by another broker instance
 * invalidates it) and while it is younger than a maximum age; otherwise it is read again. A refresh
 * takes it out of the cache while it works on it and puts it back only after its transaction committed,
 * so a failed refresh never leaves a copy that disagrees with the database.
 */
final class StoredCatalog {

    /** Mutable: a refresh updates it in place to what its transaction writes. */
    static final class StoredOffer {
        final long id;
        BigDecimal price;
        String currency;
        Instant observedAt;
        boolean active;
        String source;
        Integer available;
        Double interruption;

        StoredOffer(long id, BigDecimal price, String currency, Instant observedAt, boolean active, String source,
                    Integer available, Double interruption) {
            this.id = id;
            this.price = price;
            this.currency = currency;
            this.observedAt = observedAt;
            this.active = active;
            this.source = source;
            this.available = available;
            this.interruption = interruption;
        }
    }

    final Map<String, StoredOffer> offers;
    final Instant loadedAt;
    long version;
    Map<String, Long> regionIds = Map.of();
    List<Region> regionsWritten;
    Map<String, Long> typeIds = Map.of();
    Map<String, InstanceShape> shapesWritten;

    StoredCatalog(long version, Instant loadedAt) {
        this.version = version;
        this.loadedAt = loadedAt;
        this.offers = new HashMap<>();
    }

    boolean usableAt(long databaseVersion, Instant now, Duration maxAge) {
        return version == databaseVersion && !now.isAfter(loadedAt.plus(maxAge));
    }
}
