package io.capacitybroker.provider.spi;

import io.capacitybroker.domain.OfferKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A node the broker rented, as the provider reports it. */
public record ProviderNode(String nodeId, OfferKey offer, NodeState state, String leaseId, Instant launchedAt,
                           Map<String, String> labels) {

    public ProviderNode {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(state, "state");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Provider-side lifecycle of a node. */
    public enum NodeState {
        PENDING, RUNNING, STOPPING, TERMINATED, INTERRUPTED;

        public boolean isGone() {
            return this == TERMINATED || this == INTERRUPTED;
        }
    }
}
