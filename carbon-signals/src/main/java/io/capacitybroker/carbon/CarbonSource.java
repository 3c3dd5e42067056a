package io.capacitybroker.carbon;

import io.capacitybroker.provider.spi.ProviderException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One supplier of grid signals. Adapters throw only the typed
 * {@link io.capacitybroker.provider.spi.ProviderException}s, after their own retries with backoff.
 */
public interface CarbonSource {

    /** Stable name, stored as the {@code source} of every observation (e.g. {@code electricitymaps}). */
    String name();

    /** The signal this source delivers. */
    SignalType signal();

    /** {@code lifecycle}, {@code direct} or {@code marginal-operational}. */
    String emissionFactor();

    /** The zone keys (grid zones, or WattTime regions for marginal sources) this source serves for the regions. */
    Set<String> zonesFor(Collection<RegionZone> regions);

    /** The latest value and, where the source has one, the forecast of one zone. */
    List<IntensityObservation> fetch(String zone, Instant now);

    /**
     * Whether a failure of {@link #fetch} says that this account may not read the zone at all (e.g. a
     * WattTime region outside the plan), as opposed to a fault of the call or of the credentials. Such a
     * zone is not asked again on every refresh; the other zones are refreshed as usual.
     */
    default boolean noAccess(ProviderException e) {
        return false;
    }
}
