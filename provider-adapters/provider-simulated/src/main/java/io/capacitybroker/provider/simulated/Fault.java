package io.capacitybroker.provider.simulated;

/**
 * A failure the simulated cloud can be told to show, to test degraded behaviour. While a fault is
 * active for a provider, every call of that provider's adapter that would talk to the vendor
 * (listOffers, capacitySignals, rent, release, listNodes, listOwnedMachines) throws the matching
 * {@link io.capacitybroker.provider.spi.ProviderException}; provider(), capabilities() and regions()
 * are static metadata and keep working.
 */
public enum Fault {
    /** The vendor API is down: {@code ProviderException.Unavailable} (retryable). */
    UNAVAILABLE,
    /** The vendor rate-limits us: {@code ProviderException.Throttled} (retryable). */
    THROTTLED,
    /** Credentials are rejected: {@code ProviderException.AuthFailed} (not retryable). */
    AUTH_FAILED
}
