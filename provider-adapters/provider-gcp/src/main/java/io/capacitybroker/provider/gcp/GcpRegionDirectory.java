package io.capacitybroker.provider.gcp;

import io.capacitybroker.domain.GeoLocation;
import java.util.Map;

/**
 * Where Google Cloud's regions are. The Compute Engine API names regions but gives no place, so this table
 * (from Google's public region list: city and country of each region; coordinates are those of the named
 * city, not of the data centre) supplies display name, country and an approximate location. Regions missing
 * here are still listed, without a location.
 */
final class GcpRegionDirectory {

    record Place(String displayName, String country, GeoLocation location) {
    }

    private static Place p(String city, String country, double lat, double lon) {
        return new Place(city, country, new GeoLocation(lat, lon));
    }

    static final Map<String, Place> PLACES = Map.ofEntries(
            Map.entry("africa-south1", p("Johannesburg", "South Africa", -26.20, 28.05)),
            Map.entry("asia-east1", p("Changhua County, Taiwan", "Taiwan", 24.05, 120.52)),
            Map.entry("asia-east2", p("Hong Kong", "Hong Kong", 22.32, 114.17)),
            Map.entry("asia-northeast1", p("Tokyo", "Japan", 35.68, 139.69)),
            Map.entry("asia-northeast2", p("Osaka", "Japan", 34.69, 135.50)),
            Map.entry("asia-northeast3", p("Seoul", "South Korea", 37.57, 126.98)),
            Map.entry("asia-south1", p("Mumbai", "India", 19.08, 72.88)),
            Map.entry("asia-south2", p("Delhi", "India", 28.70, 77.10)),
            Map.entry("asia-southeast1", p("Jurong West, Singapore", "Singapore", 1.34, 103.71)),
            Map.entry("asia-southeast2", p("Jakarta", "Indonesia", -6.21, 106.85)),
            Map.entry("asia-southeast3", p("Bangkok", "Thailand", 13.76, 100.50)),
            Map.entry("australia-southeast1", p("Sydney", "Australia", -33.87, 151.21)),
            Map.entry("australia-southeast2", p("Melbourne", "Australia", -37.81, 144.96)),
            Map.entry("europe-central2", p("Warsaw", "Poland", 52.23, 21.01)),
            Map.entry("europe-north1", p("Hamina", "Finland", 60.57, 27.20)),
            Map.entry("europe-north2", p("Stockholm", "Sweden", 59.33, 18.07)),
            Map.entry("europe-southwest1", p("Madrid", "Spain", 40.42, -3.70)),
            Map.entry("europe-west1", p("St. Ghislain", "Belgium", 50.45, 3.82)),
            Map.entry("europe-west2", p("London", "United Kingdom", 51.51, -0.13)),
            Map.entry("europe-west3", p("Frankfurt", "Germany", 50.11, 8.68)),
            Map.entry("europe-west4", p("Eemshaven", "Netherlands", 53.44, 6.83)),
            Map.entry("europe-west6", p("Zurich", "Switzerland", 47.38, 8.54)),
            Map.entry("europe-west8", p("Milan", "Italy", 45.46, 9.19)),
            Map.entry("europe-west9", p("Paris", "France", 48.86, 2.35)),
            Map.entry("europe-west10", p("Berlin", "Germany", 52.52, 13.40)),
            Map.entry("europe-west12", p("Turin", "Italy", 45.07, 7.69)),
            Map.entry("me-central1", p("Doha", "Qatar", 25.29, 51.53)),
            Map.entry("me-central2", p("Dammam", "Saudi Arabia", 26.43, 50.10)),
            Map.entry("me-west1", p("Tel Aviv", "Israel", 32.09, 34.78)),
            Map.entry("northamerica-northeast1", p("Montréal", "Canada", 45.50, -73.57)),
            Map.entry("northamerica-northeast2", p("Toronto", "Canada", 43.65, -79.38)),
            Map.entry("northamerica-south1", p("Querétaro", "Mexico", 20.59, -100.39)),
            Map.entry("southamerica-east1", p("Osasco (São Paulo)", "Brazil", -23.53, -46.79)),
            Map.entry("southamerica-west1", p("Santiago", "Chile", -33.45, -70.67)),
            Map.entry("us-central1", p("Council Bluffs, Iowa", "United States of America", 41.26, -95.86)),
            Map.entry("us-east1", p("Moncks Corner, South Carolina", "United States of America", 33.20, -80.01)),
            Map.entry("us-east4", p("Ashburn, Virginia", "United States of America", 39.04, -77.49)),
            Map.entry("us-east5", p("Columbus, Ohio", "United States of America", 39.96, -83.00)),
            Map.entry("us-south1", p("Dallas, Texas", "United States of America", 32.78, -96.80)),
            Map.entry("us-west1", p("The Dalles, Oregon", "United States of America", 45.59, -121.18)),
            Map.entry("us-west2", p("Los Angeles, California", "United States of America", 34.05, -118.24)),
            Map.entry("us-west3", p("Salt Lake City, Utah", "United States of America", 40.76, -111.89)),
            Map.entry("us-west4", p("Las Vegas, Nevada", "United States of America", 36.17, -115.14)));

    private GcpRegionDirectory() {
    }
}
