package io.capacitybroker.provider.spi;

import io.capacitybroker.domain.Money;
import io.capacitybroker.domain.OfferKey;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request for one node of one pool. {@code leaseId} is the idempotency token (at most 64 ASCII
 * characters, as EC2's ClientToken allows); {@code maxPricePerHour} caps a spot bid (null = the
 * on-demand price); {@code labels} are written as tags/labels on the node.
 */
public record RentRequest(String leaseId, OfferKey offer, Money maxPricePerHour, Map<String, String> labels) {

    private static final Pattern LEASE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public RentRequest {
        Objects.requireNonNull(offer, "offer");
        if (leaseId == null || !LEASE_ID.matcher(leaseId).matches()) {
            throw new IllegalArgumentException("leaseId must be 1-64 characters of [A-Za-z0-9._-]: '" + leaseId + "'");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static RentRequest of(String leaseId, OfferKey offer) {
        return new RentRequest(leaseId, offer, null, Map.of());
    }
}
