package io.capacitybroker.carbon;

import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Provider region → grid zone, from the curated {@code region-map.csv} resource (every row says why
 * in its {@code source} column). OVHcloud codes are resolved by their site: {@code GRA11}, {@code gra3}
 * and {@code GRA} all map to the GRA row, {@code EU-WEST-PAR} to PAR.
 */
public final class RegionMap {

    public static final String RESOURCE = "/capacity-broker/carbon/region-map.csv";

    private final Map<String, RegionZone> byKey;

    public RegionMap(Collection<RegionZone> entries) {
        Map<String, RegionZone> m = new LinkedHashMap<>();
        for (RegionZone e : entries) {
            if (m.put(key(e.provider(), e.region()), e) != null) {
                throw new IllegalArgumentException("region mapped twice: " + e.ref());
            }
        }
        this.byKey = Collections.unmodifiableMap(m);
    }

    /** The bundled map. */
    public static RegionMap bundled() {
        List<RegionZone> entries = new ArrayList<>();
        for (Map<String, String> r : Csv.read(RESOURCE)) {
            GeoLocation pos = r.get("latitude").isBlank() ? null
                    : new GeoLocation(Double.parseDouble(r.get("latitude")), Double.parseDouble(r.get("longitude")));
            entries.add(new RegionZone(ProviderId.of(r.get("provider")), r.get("region"), r.get("grid_zone"),
                    r.get("watttime_region"), r.get("country"), r.get("location"), pos, r.get("source")));
        }
        return new RegionMap(entries);
    }

    /** This map plus (or overridden by) the given entries, e.g. owned sites from configuration. */
    public RegionMap with(Collection<RegionZone> extra) {
        Map<String, RegionZone> m = new LinkedHashMap<>(byKey);
        for (RegionZone e : extra) {
            m.put(key(e.provider(), e.region()), e);
        }
        return new RegionMap(m.values());
    }

    public Optional<RegionZone> find(ProviderId provider, String region) {
        RegionZone z = byKey.get(key(provider, region));
        if (z == null && ProviderId.OVH.equals(provider)) {
            z = byKey.get(key(provider, ovhSite(region)));
        }
        return Optional.ofNullable(z);
    }

    public List<RegionZone> entries() {
        return List.copyOf(byKey.values());
    }

    /** Every grid zone mapped to. */
    public Set<String> gridZones() {
        Set<String> s = new TreeSet<>();
        byKey.values().forEach(e -> s.add(e.gridZone()));
        return s;
    }

    /** The OVHcloud site of a region or datacenter code: GRA11 → GRA, gra3 → GRA, EU-WEST-PAR → PAR, eu-west-rbx → RBX. */
    static String ovhSite(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        int dash = c.lastIndexOf('-');
        if (dash >= 0 && dash < c.length() - 1) {
            return c.substring(dash + 1).replaceAll("[^A-Z]", "");
        }
        return c.replaceAll("[^A-Z].*$", "");
    }

    private static String key(ProviderId p, String region) {
        String r = ProviderId.OVH.equals(p) ? region.toUpperCase(Locale.ROOT) : region;
        return p.code() + ":" + r;
    }
}
