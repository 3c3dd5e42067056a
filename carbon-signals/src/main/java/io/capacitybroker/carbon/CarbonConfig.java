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
 * @param regionMap       region → zone map (bundled map plus configured owned sites)
 * @param embodied        add the CCF embodied emissions of known instance types in batch calculations
 *                        ({@link CarbonIntensityService#gramsPerHourByOfferId}); off by default
 */
public record CarbonConfig(SignalType policy, Duration staleAfter, Duration lastKnownMaxAge, List<String> sourcePriority,
                           PowerModel powerModel, Map<String, OwnedPower> ownedMachines, RegionMap regionMap,
                           boolean embodied) {

    /** Measured or configured power of one owned machine; either may be null. */
    public record OwnedPower(Double watts, Double pue) {
    }

    public CarbonConfig {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(lastKnownMaxAge, "lastKnownMaxAge");
        sourcePriority = List.copyOf(sourcePriority);
        Objects.requireNonNull(powerModel, "powerModel");
        ownedMachines = Map.copyOf(ownedMachines);
        Objects.requireNonNull(regionMap, "regionMap");
    }

    public static CarbonConfig defaults() {
        return new CarbonConfig(SignalType.AVERAGE, Duration.ofHours(3), Duration.ofDays(7),
                List.of(ElectricityMapsSource.NAME, UkCarbonIntensitySource.NAME, WattTimeSource.NAME, YearlyIntensities.SOURCE),
                PowerModel.defaults(), Map.of(), RegionMap.bundled(), false);
    }

    public CarbonConfig withPolicy(SignalType p) {
        return new CarbonConfig(p, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, ownedMachines, regionMap, embodied);
    }

    public CarbonConfig withStaleness(Duration stale, Duration lastKnown) {
        return new CarbonConfig(policy, stale, lastKnown, sourcePriority, powerModel, ownedMachines, regionMap, embodied);
    }

    public CarbonConfig withPowerModel(PowerModel m) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, m, ownedMachines, regionMap, embodied);
    }

    public CarbonConfig withOwnedMachines(Map<String, OwnedPower> owned) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, owned, regionMap, embodied);
    }

    public CarbonConfig withEmbodied(boolean e) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, ownedMachines, regionMap, e);
    }

    public CarbonConfig withRegionMap(RegionMap m) {
        return new CarbonConfig(policy, staleAfter, lastKnownMaxAge, sourcePriority, powerModel, ownedMachines, m, embodied);
    }
}
