package io.capacitybroker.provider.ovh;

import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import java.util.Locale;
import java.util.Map;

/**
 * Where OVHcloud sites are. Public Cloud regions ({@code GRA11}, {@code EU-WEST-PAR}) and dedicated-server
 * datacenters ({@code gra3}, {@code rbx8}) are resolved by their site (the letters before the number, or the
 * last token of a 3-AZ / Local Zone name). Coordinates are approximate city positions (not OVHcloud data);
 * grid zones are Electricity Maps zone codes of the site's grid.
 */
final class OvhLocations {

    record Site(String city, String country, double lat, double lon, String gridZone) {
    }

    private static final Map<String, Site> SITES = Map.ofEntries(
            Map.entry("GRA", new Site("Gravelines", "France", 50.99, 2.13, "FR")),
            Map.entry("RBX", new Site("Roubaix", "France", 50.69, 3.17, "FR")),
            Map.entry("SBG", new Site("Strasbourg", "France", 48.58, 7.75, "FR")),
            Map.entry("PAR", new Site("Paris", "France", 48.86, 2.35, "FR")),
            Map.entry("BHS", new Site("Beauharnois", "Canada", 45.32, -73.87, "CA-QC")),
            Map.entry("TOR", new Site("Toronto", "Canada", 43.65, -79.38, "CA-ON")),
            Map.entry("DE", new Site("Frankfurt", "Germany", 50.11, 8.68, "DE")),
            Map.entry("FRA", new Site("Frankfurt", "Germany", 50.11, 8.68, "DE")),
            Map.entry("LIM", new Site("Limburg", "Germany", 50.39, 8.06, "DE")),
            Map.entry("UK", new Site("London", "United Kingdom", 51.51, -0.13, "GB")),
            Map.entry("LON", new Site("London", "United Kingdom", 51.51, -0.13, "GB")),
            Map.entry("ERI", new Site("Erith", "United Kingdom", 51.48, 0.18, "GB")),
            Map.entry("WAW", new Site("Warsaw", "Poland", 52.23, 21.01, "PL")),
            Map.entry("MIL", new Site("Milan", "Italy", 45.46, 9.19, "IT-NO")),
            Map.entry("MAD", new Site("Madrid", "Spain", 40.42, -3.70, "ES")),
            Map.entry("SGP", new Site("Singapore", "Singapore", 1.35, 103.82, "SG")),
            Map.entry("SYD", new Site("Sydney", "Australia", -33.87, 151.21, "AU-NSW")),
            Map.entry("MUM", new Site("Mumbai", "India", 19.08, 72.88, "IN-WE")),
            Map.entry("YNM", new Site("Mumbai", "India", 19.08, 72.88, "IN-WE")),
            Map.entry("HIL", new Site("Hillsboro", "United States", 45.52, -122.99, "US-NW-PACW")),
            Map.entry("VIN", new Site("Vint Hill", "United States", 38.75, -77.67, "US-MIDA-PJM")));

    private OvhLocations() {
    }

    /** The site key of a region or datacenter code: {@code GRA11 → GRA}, {@code EU-WEST-PAR → PAR}, {@code gra3 → GRA}. */
    static String siteOf(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        int dash = c.lastIndexOf('-');
        if (dash >= 0 && dash < c.length() - 1) {
            String last = c.substring(dash + 1).replaceAll("[^A-Z]", "");
            if (SITES.containsKey(last)) {
                return last;
            }
        }
        String letters = c.replaceAll("[^A-Z].*$", "");
        return letters.isEmpty() ? c : letters;
    }

    /** A Public Cloud region with its city, country, position and grid zone where known. */
    static Region region(String code) {
        Site s = SITES.get(siteOf(code));
        if (s == null) {
            return new Region(ProviderId.OVH, code, code, null, null, null);
        }
        return new Region(ProviderId.OVH, code, s.city() + " (" + code + ")", s.country(),
                new GeoLocation(s.lat(), s.lon()), s.gridZone());
    }
}
