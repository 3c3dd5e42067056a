package io.capacitybroker.carbon;

import io.capacitybroker.domain.ProviderId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Embodied (manufacturing) emissions of the host server behind an instance type, from the bundled
 * Cloud Carbon Footprint coefficients ({@code ccf/coefficients-*-embodied.csv}, Apache-2.0; column
 * {@code total}, kgCO2e per server). Following CCF, a node-hour carries
 * {@code total × 1000 g / (4 years × 8760 h) × vcpus / hostVcpus}, where {@code hostVcpus} is the
 * vCPU count of the largest size of the family (the whole server). Where the file lists a type
 * several times (GCP, per microarchitecture) the mean is used.
 */
public final class EmbodiedCoefficients {

    public static final double LIFESPAN_HOURS = 4 * 8760;

    /** One type's server total and family. */
    public record Coefficient(ProviderId provider, String type, String family, double totalKgCo2e) {
    }

    private final Map<String, Coefficient> byKey;

    private EmbodiedCoefficients(Map<String, Coefficient> byKey) {
        this.byKey = byKey;
    }

    private static volatile EmbodiedCoefficients bundled;

    public static EmbodiedCoefficients bundled() {
        EmbodiedCoefficients b = bundled;
        if (b == null) {
            Map<String, double[]> sums = new HashMap<>();
            Map<String, Coefficient> first = new HashMap<>();
            for (ProviderId p : new ProviderId[] {ProviderId.AWS, ProviderId.GCP, ProviderId.AZURE}) {
                for (Map<String, String> r : Csv.read("/capacity-broker/carbon/ccf/coefficients-" + p.code() + "-embodied.csv")) {
                    String type = r.get("type");
                    String total = r.get("total");
                    if (type == null || type.isBlank() || total == null || total.isBlank()) {
                        continue;
                    }
                    String family = r.containsKey("family") ? r.get("family") : type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
                    String key = key(p, type);
                    sums.computeIfAbsent(key, k -> new double[2]);
                    sums.get(key)[0] += Double.parseDouble(total);
                    sums.get(key)[1] += 1;
                    first.putIfAbsent(key, new Coefficient(p, type, family, 0));
                }
            }
            Map<String, Coefficient> m = new HashMap<>();
            first.forEach((k, c) -> m.put(k, new Coefficient(c.provider(), c.type(), c.family(), sums.get(k)[0] / sums.get(k)[1])));
            bundled = b = new EmbodiedCoefficients(m);
        }
        return b;
    }

    /** The coefficient of a catalog instance type (Azure {@code Standard_D2s_v5} matches CCF {@code D2s v5}). */
    public Optional<Coefficient> of(ProviderId provider, String instanceType) {
        if (instanceType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(key(provider, instanceType)));
    }

    /** Grams CO2e per node-hour for a node of {@code vcpus} on a host of {@code hostVcpus}. */
    public static double gramsPerHour(Coefficient c, double vcpus, double hostVcpus) {
        return c.totalKgCo2e() * 1000.0 / LIFESPAN_HOURS * Math.min(1.0, vcpus / hostVcpus);
    }

    static String key(ProviderId p, String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        if (ProviderId.AZURE.equals(p)) {
            t = t.replaceFirst("^standard_", "").replace('_', ' ');
        }
        return p.code() + ":" + t;
    }
}
