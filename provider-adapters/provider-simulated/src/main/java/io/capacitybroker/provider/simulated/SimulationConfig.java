package io.capacitybroker.provider.simulated;

import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.OwnedMachine;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The knobs of the simulated cloud. Everything that moves (spot prices, pool sizes, node ids,
 * interruptions) is a pure function of {@link #seed()} and the clock, so one seed reproduces one run.
 *
 * @param seed                             the seed of every random quantity
 * @param provisioningDelays               how long a rented node stays PENDING, per provider
 *                                         (missing provider: {@link #DEFAULT_PROVISIONING_DELAY})
 * @param defaultSpotInterruptionRates     interruption probability per hour of a running spot node, per
 *                                         provider, used where the catalog publishes no rate. GCP publishes
 *                                         none, so every GCP Spot pool uses this <b>simulation assumption</b>
 *                                         (default 0.005/h, about 11% over 24 h); AWS pools use their SpotLake
 *                                         IF band and fall back to this value only when the band is missing
 * @param minPoolCapacity                  smallest capacity of a non-empty pool (nodes)
 * @param maxPoolCapacity                  largest capacity of a pool (nodes); sizes are skewed towards small
 * @param emptyPoolFraction                share of pools that have no capacity at all ([0,1])
 * @param spotVolatility                   standard deviation of the log-price deviation of the spot walk
 *                                         (0 = spot prices stay at the catalog snapshot price)
 * @param spotFloorFactor                  a spot price never goes below this share of its snapshot price ((0,1])
 * @param ownedMachines                    the owned baseline listed by the OVHcloud adapter (demo configuration)
 * @param regionAllowList                  when not empty, only offers and regions with these codes exist
 *                                         (smaller demo catalogs); regions of owned machines always exist
 * @param advertiseAssumedInterruptionRates when true, adapters whose vendor publishes no interruption rates
 *                                         (GCP) advertise the assumed rate anyway (offers, signals and the
 *                                         INTERRUPTION_RATES capability), labelled
 *                                         {@code simulated:assumed-interruption-rate}; default false, like the
 *                                         real vendor
 */
public record SimulationConfig(long seed, Map<ProviderId, Duration> provisioningDelays,
                               Map<ProviderId, Double> defaultSpotInterruptionRates, int minPoolCapacity,
                               int maxPoolCapacity, double emptyPoolFraction, double spotVolatility,
                               double spotFloorFactor, List<OwnedMachine> ownedMachines,
                               Set<String> regionAllowList, boolean advertiseAssumedInterruptionRates) {

    public static final long DEFAULT_SEED = 42L;
    public static final Duration DEFAULT_PROVISIONING_DELAY = Duration.ofSeconds(60);
    /** The assumed GCP Spot preemption rate per hour (Google publishes none). */
    public static final double DEFAULT_GCP_SPOT_INTERRUPTION_RATE = 0.005;
    /** Fallback for AWS spot pools without an IF band: the 5–10 % per month band's mid-point. */
    public static final double DEFAULT_AWS_SPOT_INTERRUPTION_RATE = 0.075 / 730.0;

    public SimulationConfig {
        provisioningDelays = Map.copyOf(Objects.requireNonNull(provisioningDelays, "provisioningDelays"));
        provisioningDelays.forEach((p, d) -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("provisioning delay of " + p + " must be >= 0");
            }
        });
        defaultSpotInterruptionRates = Map.copyOf(
                Objects.requireNonNull(defaultSpotInterruptionRates, "defaultSpotInterruptionRates"));
        defaultSpotInterruptionRates.forEach((p, r) -> {
            if (!(r >= 0 && r <= 1)) {
                throw new IllegalArgumentException("interruption rate of " + p + " must be in [0,1]: " + r);
            }
        });
        if (minPoolCapacity < 0 || maxPoolCapacity < minPoolCapacity) {
            throw new IllegalArgumentException(
                    "need 0 <= minPoolCapacity <= maxPoolCapacity, got " + minPoolCapacity + ".." + maxPoolCapacity);
        }
        if (!(emptyPoolFraction >= 0 && emptyPoolFraction <= 1)) {
            throw new IllegalArgumentException("emptyPoolFraction must be in [0,1]: " + emptyPoolFraction);
        }
        if (!(spotVolatility >= 0 && spotVolatility <= 2)) {
            throw new IllegalArgumentException("spotVolatility must be in [0,2]: " + spotVolatility);
        }
        if (!(spotFloorFactor > 0 && spotFloorFactor <= 1)) {
            throw new IllegalArgumentException("spotFloorFactor must be in (0,1]: " + spotFloorFactor);
        }
        ownedMachines = List.copyOf(Objects.requireNonNull(ownedMachines, "ownedMachines"));
        regionAllowList = regionAllowList == null ? Set.of() : Set.copyOf(regionAllowList);
    }

    /** The defaults: seed 42, AWS 40 s / GCP 30 s / Azure 90 s provisioning, pools of 1–40 nodes (5 % empty). */
    public static SimulationConfig defaults() {
        return new SimulationConfig(DEFAULT_SEED,
                Map.of(ProviderId.AWS, Duration.ofSeconds(40), ProviderId.GCP, Duration.ofSeconds(30),
                        ProviderId.AZURE, Duration.ofSeconds(90)),
                Map.of(ProviderId.GCP, DEFAULT_GCP_SPOT_INTERRUPTION_RATE,
                        ProviderId.AWS, DEFAULT_AWS_SPOT_INTERRUPTION_RATE),
                1, 40, 0.05, 0.15, 0.5, demoOwnedMachines(), Set.of(), false);
    }

    /**
     * The demo baseline: three OVHcloud dedicated servers in GRA with 32 vCPUs and 128 GiB each. This is
     * demo <b>configuration</b>, not data; a deployment lists its own machines.
     */
    public static List<OwnedMachine> demoOwnedMachines() {
        InstanceShape shape = new InstanceShape("demo-bm-32c-128g", BigDecimal.valueOf(32), BigDecimal.valueOf(128), 0,
                "amd64");
        return List.of(
                new OwnedMachine("ovh-gra-bm-01", ProviderId.OVH, "GRA", shape, null),
                new OwnedMachine("ovh-gra-bm-02", ProviderId.OVH, "GRA", shape, null),
                new OwnedMachine("ovh-gra-bm-03", ProviderId.OVH, "GRA", shape, null));
    }

    public Duration provisioningDelay(ProviderId provider) {
        return provisioningDelays.getOrDefault(provider, DEFAULT_PROVISIONING_DELAY);
    }

    /** The assumed interruption rate per hour of a spot pool of {@code provider} without a published rate. */
    public double defaultSpotInterruptionRate(ProviderId provider) {
        return defaultSpotInterruptionRates.getOrDefault(provider, 0.0);
    }

    public SimulationConfig withSeed(long newSeed) {
        return new SimulationConfig(newSeed, provisioningDelays, defaultSpotInterruptionRates, minPoolCapacity,
                maxPoolCapacity, emptyPoolFraction, spotVolatility, spotFloorFactor, ownedMachines, regionAllowList,
                advertiseAssumedInterruptionRates);
    }

    public SimulationConfig withProvisioningDelay(ProviderId provider, Duration delay) {
        Map<ProviderId, Duration> m = new HashMap<>(provisioningDelays);
        m.put(provider, delay);
        return new SimulationConfig(seed, m, defaultSpotInterruptionRates, minPoolCapacity, maxPoolCapacity,
                emptyPoolFraction, spotVolatility, spotFloorFactor, ownedMachines, regionAllowList,
                advertiseAssumedInterruptionRates);
    }

    public SimulationConfig withDefaultSpotInterruptionRate(ProviderId provider, double ratePerHour) {
        Map<ProviderId, Double> m = new HashMap<>(defaultSpotInterruptionRates);
        m.put(provider, ratePerHour);
        return new SimulationConfig(seed, provisioningDelays, m, minPoolCapacity, maxPoolCapacity, emptyPoolFraction,
                spotVolatility, spotFloorFactor, ownedMachines, regionAllowList,
                advertiseAssumedInterruptionRates);
    }

    public SimulationConfig withPoolCapacity(int min, int max, double emptyFraction) {
        return new SimulationConfig(seed, provisioningDelays, defaultSpotInterruptionRates, min, max, emptyFraction,
                spotVolatility, spotFloorFactor, ownedMachines, regionAllowList,
                advertiseAssumedInterruptionRates);
    }

    public SimulationConfig withSpotWalk(double volatility, double floorFactor) {
        return new SimulationConfig(seed, provisioningDelays, defaultSpotInterruptionRates, minPoolCapacity,
                maxPoolCapacity, emptyPoolFraction, volatility, floorFactor, ownedMachines, regionAllowList,
                advertiseAssumedInterruptionRates);
    }

    public SimulationConfig withOwnedMachines(List<OwnedMachine> machines) {
        return new SimulationConfig(seed, provisioningDelays, defaultSpotInterruptionRates, minPoolCapacity,
                maxPoolCapacity, emptyPoolFraction, spotVolatility, spotFloorFactor, machines, regionAllowList,
                advertiseAssumedInterruptionRates);
    }

    public SimulationConfig withRegionAllowList(Set<String> regions) {
        return new SimulationConfig(seed, provisioningDelays, defaultSpotInterruptionRates, minPoolCapacity,
                maxPoolCapacity, emptyPoolFraction, spotVolatility, spotFloorFactor, ownedMachines, regions,
                advertiseAssumedInterruptionRates);
    }

    public SimulationConfig withAdvertisedAssumedInterruptionRates(boolean advertise) {
        return new SimulationConfig(seed, provisioningDelays, defaultSpotInterruptionRates, minPoolCapacity,
                maxPoolCapacity, emptyPoolFraction, spotVolatility, spotFloorFactor, ownedMachines, regionAllowList,
                advertise);
    }

    boolean regionAllowed(String region) {
        return regionAllowList.isEmpty() || regionAllowList.contains(region);
    }
}
