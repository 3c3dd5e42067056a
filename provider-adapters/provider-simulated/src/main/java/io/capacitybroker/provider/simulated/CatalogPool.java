package io.capacitybroker.provider.simulated;

import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.OfferKey;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One pool of the bundled catalog, as read from the data (nothing simulated yet).
 *
 * @param index                      position in the catalog (dense, used for per-pool arrays)
 * @param snapshotPrice              the catalog price per hour in USD (list price, or the spot price of the snapshot)
 * @param ceiling                    the highest price the pool may reach: the on-demand price (equal to
 *                                   {@code snapshotPrice} for on-demand pools)
 * @param publishedInterruptionRate  per-hour interruption rate published by the data (AWS SpotLake IF band), else null
 * @param placementScore             published placement score (SpotLake SPS 1–3), else null
 * @param source                     provenance tag of the price, e.g. {@code simulated:aws-spotlake-2022-07-12}
 * @param snapshotAt                 when the data says the price was valid
 */
record CatalogPool(int index, OfferKey key, InstanceShape shape, BigDecimal snapshotPrice, BigDecimal ceiling,
                   Double publishedInterruptionRate, Integer placementScore, String source, Instant snapshotAt,
                   long hash) {

    boolean spot() {
        return key.market() == Market.SPOT;
    }
}
