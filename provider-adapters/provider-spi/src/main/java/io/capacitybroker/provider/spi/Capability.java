package io.capacitybroker.provider.spi;

/** What an adapter may be able to do. Each adapter says, per capability, whether and why not. */
public enum Capability {
    /** List instance types and where they are offered, with current prices. */
    LIST_OFFERS,
    /** Spot prices (current, per pool). */
    SPOT_PRICES,
    /** On-demand list prices. */
    ON_DEMAND_PRICES,
    /** Capacity signals: placement scores, available node counts. */
    CAPACITY_SIGNALS,
    /** Published interruption (eviction, preemption) rates for spot pools. */
    INTERRUPTION_RATES,
    /** Rent spot (interruptible) nodes. */
    RENT_SPOT,
    /** Rent on-demand nodes. */
    RENT_ON_DEMAND,
    /** Give nodes back. */
    RELEASE,
    /** List the nodes the broker rented that are still running. */
    LIST_NODES,
    /** List owned (bare-metal) machines that form the baseline. */
    LIST_OWNED
}
