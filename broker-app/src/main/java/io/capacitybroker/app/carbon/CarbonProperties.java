package io.capacitybroker.app.carbon;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code broker.carbon.*}. Keys come from the environment: {@code broker.carbon.electricitymaps.token}
 * (or {@code ELECTRICITYMAPS_TOKEN}), {@code broker.carbon.watttime.username/password} (or
 * {@code WATTTIME_USERNAME}/{@code WATTTIME_PASSWORD}). Without keys only the static yearly source runs.
 *
 * @param enabled          whether this instance schedules the refresh jobs (default true)
 * @param policy           {@code average} (default) or {@code marginal}
 * @param staleAfter       a measured value older than this is a fallback (default 3h)
 * @param lastKnownMaxAge  older measured values are not used; the yearly average is (default 7d)
 * @param utilisation      the power model's default utilisation (default 0.5)
 * @param staticInterval   how often the static yearly source is (re)stored (default 24h)
 * @param electricitymaps  Electricity Maps: token, base-url, forecast (paid plans), history (last 24 h on each refresh),
 *                         interval (default 1h)
 * @param watttime         WattTime: username, password, base-url, horizon-hours, interval (default 15m), resolve-regions
 *                         (default true), region-recheck (default 30d), no-access-recheck (default 1d)
 * @param uk               UK Carbon Intensity API (no key): enabled (default false), base-url, interval (default 30m)
 * @param providers        per provider code: min-watts, max-watts (per vCPU), pue, embodied-grams-per-vcpu-hour
 * @param owned            per owned machine id: watts (measured), pue
 * @param embodied         add the bundled CCF embodied emissions of known instance types to offer figures (default false)
 */
@ConfigurationProperties("broker.carbon")
public record CarbonProperties(Boolean enabled, String policy, Duration staleAfter, Duration lastKnownMaxAge, Double utilisation,
                               Duration staticInterval, ElectricityMaps electricitymaps, WattTime watttime, Uk uk,
                               Map<String, ProviderPowerProperties> providers, Map<String, OwnedProperties> owned,
                               Boolean embodied) {

    public CarbonProperties {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        policy = policy == null || policy.isBlank() ? "average" : policy.trim().toLowerCase(java.util.Locale.ROOT);
        if (!policy.equals("average") && !policy.equals("marginal")) {
            throw new IllegalArgumentException("broker.carbon.policy must be average or marginal, not " + policy);
        }
        staleAfter = positive(staleAfter, Duration.ofHours(3), "stale-after");
        lastKnownMaxAge = positive(lastKnownMaxAge, Duration.ofDays(7), "last-known-max-age");
        utilisation = utilisation == null ? 0.5 : utilisation;
        if (!(utilisation >= 0 && utilisation <= 1)) {
            throw new IllegalArgumentException("broker.carbon.utilisation must be in [0,1]");
        }
        staticInterval = positive(staticInterval, Duration.ofHours(24), "static-interval");
        electricitymaps = electricitymaps == null ? new ElectricityMaps(null, null, false, false, null) : electricitymaps;
        watttime = watttime == null ? new WattTime(null, null, null, null, null, null, null, null) : watttime;
        uk = uk == null ? new Uk(false, null, null) : uk;
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        owned = owned == null ? Map.of() : Map.copyOf(owned);
        embodied = embodied != null && embodied;
    }

    public record ElectricityMaps(String token, URI baseUrl, Boolean forecast, Boolean history, Duration interval) {
        public ElectricityMaps {
            forecast = forecast != null && forecast;
            history = history != null && history;
            interval = positive(interval, Duration.ofHours(1), "electricitymaps.interval");
        }
    }

    /**
     * @param resolveRegions  at each refresh, first give every stored region with a known position and no verified
     *                        WattTime region one, from {@code GET /v3/region-from-loc} (default true)
     * @param regionRecheck   a resolved WattTime region (or a lookup that failed for good) is asked again after this
     *                        long (default 30 days; WattTime asks for at least monthly)
     * @param noAccessRecheck a WattTime region outside the account's plan (HTTP 403) is asked again after this long
     *                        (default 1 day), not on every refresh
     */
    public record WattTime(String username, String password, URI baseUrl, Integer horizonHours, Duration interval,
                           Boolean resolveRegions, Duration regionRecheck, Duration noAccessRecheck) {
        public WattTime {
            horizonHours = horizonHours == null ? 24 : horizonHours;
            interval = positive(interval, Duration.ofMinutes(15), "watttime.interval");
            resolveRegions = resolveRegions == null || resolveRegions;
            regionRecheck = positive(regionRecheck, Duration.ofDays(30), "watttime.region-recheck");
            noAccessRecheck = positive(noAccessRecheck, Duration.ofDays(1), "watttime.no-access-recheck");
        }
    }

    public record Uk(Boolean enabled, URI baseUrl, Duration interval) {
        public Uk {
            enabled = enabled != null && enabled;
            interval = positive(interval, Duration.ofMinutes(30), "uk.interval");
        }
    }

    public record ProviderPowerProperties(Double minWatts, Double maxWatts, Double pue, Double embodiedGramsPerVcpuHour) {
    }

    public record OwnedProperties(Double watts, Double pue) {
    }

    private static Duration positive(Duration d, Duration dflt, String name) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("broker.carbon." + name + " must be > 0");
        }
        return d;
    }
}
