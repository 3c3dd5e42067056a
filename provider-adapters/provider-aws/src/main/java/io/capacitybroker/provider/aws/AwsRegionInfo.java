package io.capacitybroker.provider.aws;

import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import java.util.Map;

/**
 * Display names, countries and approximate metro coordinates of the public AWS regions. DescribeRegions
 * only returns region codes; these facts come from AWS's public region list. The grid zone is left
 * unmapped here (the carbon module owns that mapping). Unknown regions keep their code as name.
 */
final class AwsRegionInfo {

    private record Info(String name, String country, double lat, double lon) {
    }

    private static final Map<String, Info> KNOWN = Map.ofEntries(
            Map.entry("us-east-1", new Info("US East (N. Virginia)", "United States", 38.13, -78.45)),
            Map.entry("us-east-2", new Info("US East (Ohio)", "United States", 39.96, -83.00)),
            Map.entry("us-west-1", new Info("US West (N. California)", "United States", 37.35, -121.96)),
            Map.entry("us-west-2", new Info("US West (Oregon)", "United States", 45.84, -119.70)),
            Map.entry("af-south-1", new Info("Africa (Cape Town)", "South Africa", -33.93, 18.42)),
            Map.entry("ap-east-1", new Info("Asia Pacific (Hong Kong)", "Hong Kong", 22.32, 114.17)),
            Map.entry("ap-south-1", new Info("Asia Pacific (Mumbai)", "India", 19.08, 72.88)),
            Map.entry("ap-south-2", new Info("Asia Pacific (Hyderabad)", "India", 17.39, 78.49)),
            Map.entry("ap-northeast-1", new Info("Asia Pacific (Tokyo)", "Japan", 35.68, 139.69)),
            Map.entry("ap-northeast-2", new Info("Asia Pacific (Seoul)", "South Korea", 37.57, 126.98)),
            Map.entry("ap-northeast-3", new Info("Asia Pacific (Osaka)", "Japan", 34.69, 135.50)),
            Map.entry("ap-southeast-1", new Info("Asia Pacific (Singapore)", "Singapore", 1.35, 103.82)),
            Map.entry("ap-southeast-2", new Info("Asia Pacific (Sydney)", "Australia", -33.87, 151.21)),
            Map.entry("ap-southeast-3", new Info("Asia Pacific (Jakarta)", "Indonesia", -6.21, 106.85)),
            Map.entry("ap-southeast-4", new Info("Asia Pacific (Melbourne)", "Australia", -37.81, 144.96)),
            Map.entry("ap-southeast-5", new Info("Asia Pacific (Malaysia)", "Malaysia", 3.14, 101.69)),
            Map.entry("ap-southeast-7", new Info("Asia Pacific (Thailand)", "Thailand", 13.76, 100.50)),
            Map.entry("ca-central-1", new Info("Canada (Central)", "Canada", 45.50, -73.57)),
            Map.entry("ca-west-1", new Info("Canada West (Calgary)", "Canada", 51.05, -114.07)),
            Map.entry("eu-central-1", new Info("Europe (Frankfurt)", "Germany", 50.11, 8.68)),
            Map.entry("eu-central-2", new Info("Europe (Zurich)", "Switzerland", 47.38, 8.54)),
            Map.entry("eu-west-1", new Info("Europe (Ireland)", "Ireland", 53.35, -6.26)),
            Map.entry("eu-west-2", new Info("Europe (London)", "United Kingdom", 51.51, -0.13)),
            Map.entry("eu-west-3", new Info("Europe (Paris)", "France", 48.86, 2.35)),
            Map.entry("eu-north-1", new Info("Europe (Stockholm)", "Sweden", 59.33, 18.07)),
            Map.entry("eu-south-1", new Info("Europe (Milan)", "Italy", 45.46, 9.19)),
            Map.entry("eu-south-2", new Info("Europe (Spain)", "Spain", 41.65, -0.88)),
            Map.entry("il-central-1", new Info("Israel (Tel Aviv)", "Israel", 32.09, 34.78)),
            Map.entry("me-south-1", new Info("Middle East (Bahrain)", "Bahrain", 26.07, 50.56)),
            Map.entry("me-central-1", new Info("Middle East (UAE)", "United Arab Emirates", 24.45, 54.38)),
            Map.entry("mx-central-1", new Info("Mexico (Central)", "Mexico", 20.59, -100.39)),
            Map.entry("sa-east-1", new Info("South America (Sao Paulo)", "Brazil", -23.55, -46.63)));

    private AwsRegionInfo() {
    }

    static Region region(String code) {
        Info i = KNOWN.get(code);
        if (i == null) {
            return new Region(ProviderId.AWS, code, code, null, null, null);
        }
        return new Region(ProviderId.AWS, code, i.name(), i.country(), new GeoLocation(i.lat(), i.lon()), null);
    }
}
