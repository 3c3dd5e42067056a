package io.capacitybroker.carbon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the service resolves and prices carbon.
 *
 * @param policy          the signal the planner uses: AVERAGE (default) or MARGINAL (WattTime MOER where mapped;
 *                        average where not, and the breakdown says so)
 * @param staleAfter      a measured value older than this is stale (default 3 h): the figure is then a fallback
 * @param lastKnownMaxAge a stale measured value older than this is no longer used; the yearly average is (default 7 days)
 * @param sourcePriority  preferred sources when several have a value for the same zone and hour
 * @param powerModel      the power model
 * @param ownedMachines   measured watts / PUE per owned machine id (override the machine's own measuredWatts)
 * @param regionMap       region → zone map (bundled map plus configured owned sites); the service adds the
 *                        WattTime regions stored in the database ({@code region.watttime_region})
 * @param embodied        add the CCF embodied emissions of known instance types in batch calculations
 *                        ({@link CarbonIntensityService#gramsPerHourByOfferId}); off by default
 * @param noAccessRecheck a zone a source refused to this account (WattTime HTTP 403: outside the plan) is asked
 *                        again only after this long (default 1 day)
 */
public record CarbonConfig(SignalType policy, Duration staleAfter, Duration lastKnownMaxAge, List<String> sourcePriority,
                           PowerModel powerModel, Map<String, OwnedPower> ownedMachines, RegionMap regionMap,
                           boolean embodied, Duration noAccessRecheck) {

    /** Measured or configured power of one owned machine; either may be null. */
    public record OwnedPower(Double watts, Double pue) {
    }

    public static final Duration DEFAULT_NO_ACCESS_RECHECK = Duration.ofDays(1);

    public CarbonConfig {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(lastKnownMaxAge, "lastKnownMaxAge");
        sourcePriority = List.copyOf(sourcePriority);
        Objects.requireNonNull(powerModel, "powerModel");
        ownedMachines = Map.copyOf(ownedMachines);
        Objects.requireNonNull(regionMap, "regionMap");
        noAccessRecheck = noAccessRecheck == null ? DEFAULT_NO_ACCESS_RECHECK : noAccessRecheck;
        if (noAccessRecheck.isNegative()) {
            throw new IllegalArgumentException("noAccessRecheck must be >= 0");
        }
    }

    public static CarbonConfig defaults() {
        return new CarbonConfig(SignalType.AVERAGE, Duration.ofHours(3), Duration.ofDays(7),
                List.of(ElectricityMapsSource.NAME, UkCarbonIntensitySource.NAME, WattTimeSource.NAME, YearlyIntensities.SOURCE),
                PowerModel.defaults(), Map.of(), RegionMap.bundled(), false, DEFAULT_NO_ACCESS_RECHECK);
    }

    public CarbonConfig withPolicy(SignalType p) {
        return new CarbonConfig(p, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, ownedMachines, regionMap, embodied, noAccessRecheck);
    }

    public CarbonConfig withStaleness(Duration stale, Duration lastKnown) {
        return new CarbonConfig(policy, stale, lastKnown, sourcePriority, powerModel, ownedMachines, regionMap, embodied, noAccessRecheck);
    }

    public CarbonConfig withPowerModel(PowerModel m) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, m, ownedMachines, regionMap, embodied, noAccessRecheck);
    }

    public CarbonConfig withOwnedMachines(Map<String, OwnedPower> owned) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, owned, regionMap, embodied, noAccessRecheck);
    }

    public CarbonConfig withEmbodied(boolean e) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, ownedMachines, regionMap, e, noAccessRecheck);
    }

    public CarbonConfig withNoAccessRecheck(Duration d) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, ownedMachines, regionMap, embodied, d);
    }

    public CarbonConfig withRegionMap(RegionMap m) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, ownedMachines, m, embodied, noAccessRecheck);
    }
}
