package io.capacitybroker.app.planning;

import io.capacitybroker.carbon.CarbonIntensityService;
import io.capacitybroker.carbon.NodeSpec;
import io.capacitybroker.carbon.ResolvedIntensity;
import io.capacitybroker.carbon.UnknownRegionException;
import io.capacitybroker.domain.ProviderId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Scenario carbon figures from carbon-signals: each region's intensity is resolved once (with the
 * service's fallback rules) and cached for {@link #CACHE_FOR}, then the power model turns it into grams
 * per node-hour for every shape. A region without a grid zone counts 0 g and is named in
 * {@link #describe()}, so the stored plan says which figures are missing.
 */
@Component
class SignalCarbonCosts implements CarbonCosts {

    private static final Logger log = LoggerFactory.getLogger(SignalCarbonCosts.class);
    static final Duration CACHE_FOR = Duration.ofMinutes(1);

    private record Cached(ResolvedIntensity intensity, Instant at) {
    }

    private final CarbonIntensityService carbon;
    private final Clock clock;
    private final Map<String, Cached> byRegion = new ConcurrentHashMap<>();
    private final Set<String> unmapped = ConcurrentHashMap.newKeySet();

    SignalCarbonCosts(CarbonIntensityService carbon, Clock clock) {
        this.carbon = carbon;
        this.clock = clock;
    }

    @Override
    public double offerGramsPerHour(String provider, String region, BigDecimal vcpus, BigDecimal memoryGiB) {
        return grams(NodeSpec.of(ProviderId.of(provider), region, vcpus.doubleValue(), memoryGiB.doubleValue()));
    }

    @Override
    public double ownedGramsPerHour(String provider, String region, BigDecimal vcpus, BigDecimal memoryGiB,
                                    Double measuredWatts, Double pue) {
        return grams(NodeSpec.of(ProviderId.of(provider), region, vcpus.doubleValue(), memoryGiB.doubleValue())
                .withMeasured(measuredWatts, pue));
    }

    private double grams(NodeSpec node) {
        ResolvedIntensity ri = intensity(node.provider(), node.region());
        return ri == null ? 0 : carbon.config().powerModel().footprint(node, ri).gramsPerHour();
    }

    private ResolvedIntensity intensity(ProviderId provider, String region) {
        String key = provider.code() + ":" + region;
        Instant now = clock.instant();
        Cached c = byRegion.get(key);
        if (c == null || c.at().plus(CACHE_FOR).isBefore(now)) {
            try {
                c = new Cached(carbon.current(provider, region), now);
                byRegion.put(key, c);
            } catch (UnknownRegionException e) {
                if (unmapped.add(key)) {
                    log.warn("no grid zone for {}: its nodes are counted at 0 g CO2e/h", key);
                }
                return null;
            }
        }
        return c.intensity();
    }

    @Override
    public String explainRegion(String provider, String region) {
        ResolvedIntensity ri = intensity(ProviderId.of(provider), region);
        if (ri == null) {
            return "no grid zone: counted at 0 g CO2e/h";
        }
        return String.format(java.util.Locale.ROOT, "zone %s: %.1f gCO2e/kWh %s %s (%s) from %s, observed %s, fallback %s%s",
                ri.zone(), ri.gco2PerKwh(), ri.signal().name().toLowerCase(java.util.Locale.ROOT),
                ri.kind().name().toLowerCase(java.util.Locale.ROOT), ri.emissionFactor(), ri.source(), ri.observedAt(),
                ri.fallback().name().toLowerCase(java.util.Locale.ROOT), ri.note() == null ? "" : "; " + ri.note());
    }

    @Override
    public String describe() {
        String d = carbon.describe();
        return unmapped.isEmpty() ? d : d + "; no grid zone (0 g): " + String.join(", ", unmapped.stream().sorted().toList());
    }
}
