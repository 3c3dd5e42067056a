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
 *
 * <p>A map may carry the WattTime regions stored for catalog regions ({@link #withWattTimeRegions}):
 * a stored region fills a row that has none, and a stored verified one replaces the row's; a region
 * resolved from a position never replaces a verified WattTime region of the bundled map.
 */
public final class RegionMap {

    public static final String RESOURCE = "/capacity-broker/carbon/region-map.csv";

    private final Map<String, RegionZone> byKey;
    private final Map<String, WattTimeMapping> wattTime;

    public RegionMap(Collection<RegionZone> entries) {
        this(entries, List.of());
    }

    private RegionMap(Collection<RegionZone> entries, Collection<WattTimeMapping> stored) {
        Map<String, RegionZone> m = new LinkedHashMap<>();
        for (RegionZone e : entries) {
            if (m.put(key(e.provider(), e.region()), e) != null) {
                throw new IllegalArgumentException("region mapped twice: " + e.ref());
            }
        }
        this.byKey = Collections.unmodifiableMap(m);
        Map<String, WattTimeMapping> w = new LinkedHashMap<>();
        stored.forEach(s -> w.put(key(s.provider(), s.region()), s));
        this.wattTime = Collections.unmodifiableMap(w);
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
        return new RegionMap(m.values(), wattTime.values());
    }

    /**
     * This map with the WattTime regions stored for catalog regions (replacing any given before). A stored
     * region applies to the row of its region code (an OVHcloud datacenter code such as {@code GRA11} to its
     * site's row when looked up by that code).
     */
    public RegionMap withWattTimeRegions(Collection<WattTimeMapping> stored) {
        return new RegionMap(byKey.values(), stored);
    }

    /** The WattTime regions this map was given ({@link #withWattTimeRegions}). */
    public Collection<WattTimeMapping> storedWattTimeRegions() {
        return wattTime.values();
    }

    /** The bundled row of the region (or of its OVHcloud site), without stored WattTime regions. */
    public Optional<RegionZone> findBundled(ProviderId provider, String region) {
        RegionZone z = byKey.get(key(provider, region));
        if (z == null && ProviderId.OVH.equals(provider)) {
            z = byKey.get(key(provider, ovhSite(region)));
        }
        return Optional.ofNullable(z);
    }

    public Optional<RegionZone> find(ProviderId provider, String region) {
        Optional<RegionZone> z = findBundled(provider, region);
        if (z.isEmpty() || wattTime.isEmpty()) {
            return z;
        }
        WattTimeMapping s = wattTime.get(key(provider, region));
        if (s == null && ProviderId.OVH.equals(provider)) {
            s = wattTime.get(key(provider, ovhSite(region)));
        }
        return Optional.of(apply(z.get(), s));
    }

    /** A stored WattTime region fills a row without one; a resolved one never replaces a verified one of the map. */
    private static RegionZone apply(RegionZone z, WattTimeMapping s) {
        if (s == null || z.wattTime().isPresent() && s.resolved()) {
            return z;
        }
        return z.withWattTime(s.wattTimeRegion(), s.source(), s.resolvedAt());
    }

    /** One entry per row of the map, with the stored WattTime regions applied. */
    public List<RegionZone> entries() {
        if (wattTime.isEmpty()) {
            return List.copyOf(byKey.values());
        }
        List<RegionZone> out = new ArrayList<>(byKey.size());
        byKey.forEach((k, z) -> out.add(apply(z, wattTime.get(k))));
        return List.copyOf(out);
    }

    /**
     * {@link #entries()} plus one entry per stored region code that is not a row of its own (OVHcloud
     * datacenter codes such as {@code GRA11}), so that a source serves every WattTime region in use.
     */
    public List<RegionZone> mappings() {
        List<RegionZone> out = new ArrayList<>(entries());
        wattTime.forEach((k, s) -> {
            if (!byKey.containsKey(k)) {
                find(s.provider(), s.region()).ifPresent(z -> out.add(z.withRegion(s.region())));
            }
        });
        return List.copyOf(out);
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
