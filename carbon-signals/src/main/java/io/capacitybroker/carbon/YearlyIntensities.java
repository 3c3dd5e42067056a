package io.capacitybroker.carbon;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Yearly average life-cycle grid intensity per Electricity Maps zone, from the bundled
 * {@code electricitymaps_zone_yearly_2021-2025.csv} (data © Electricity Maps, ODbL). The newest year
 * of each zone is the one used.
 */
public final class YearlyIntensities {

    public static final String RESOURCE = "/capacity-broker/carbon/electricitymaps/electricitymaps_zone_yearly_2021-2025.csv";
    public static final String SOURCE = "electricitymaps-yearly";

    /** One zone-year. */
    public record Yearly(String zone, String zoneName, int year, double gco2PerKwh) {
    }

    private final Map<String, Yearly> newest;
    private final Map<String, Map<Integer, Yearly>> all;

    private YearlyIntensities(Map<String, Map<Integer, Yearly>> all) {
        this.all = all;
        this.newest = new HashMap<>();
        all.forEach((z, years) -> years.values().stream().max((a, b) -> Integer.compare(a.year(), b.year()))
                .ifPresent(y -> newest.put(z, y)));
    }

    private static volatile YearlyIntensities bundled;

    public static YearlyIntensities bundled() {
        YearlyIntensities b = bundled;
        if (b == null) {
            Map<String, Map<Integer, Yearly>> all = new HashMap<>();
            for (Map<String, String> r : Csv.read(RESOURCE)) {
                String v = r.get("carbon_intensity_gco2eq_per_kwh");
                if (v == null || v.isBlank()) {
                    continue;
                }
                Yearly y = new Yearly(r.get("zone"), r.get("zone_name"), Integer.parseInt(r.get("year")), Double.parseDouble(v));
                all.computeIfAbsent(y.zone(), k -> new HashMap<>()).put(y.year(), y);
            }
            bundled = b = new YearlyIntensities(all);
        }
        return b;
    }

    /** The newest yearly average of the zone. */
    public Optional<Yearly> latest(String zone) {
        return Optional.ofNullable(newest.get(zone));
    }

    public Optional<Yearly> of(String zone, int year) {
        return Optional.ofNullable(all.getOrDefault(zone, Map.of()).get(year));
    }

    public Set<String> zones() {
        return Set.copyOf(newest.keySet());
    }
}
