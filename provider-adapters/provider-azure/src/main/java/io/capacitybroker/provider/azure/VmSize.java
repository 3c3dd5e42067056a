package io.capacitybroker.provider.azure;

import io.capacitybroker.domain.InstanceShape;

/**
 * A VM size as ARM's resource SKU list reports it in one region. {@code restricted} is true when the size is
 * not available to the subscription in that region (a Location restriction, e.g. NotAvailableForSubscription).
 */
record VmSize(String region, InstanceShape shape, boolean restricted) {
}
