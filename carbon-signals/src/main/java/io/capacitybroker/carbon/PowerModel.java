package io.capacitybroker.carbon;

import io.capacitybroker.domain.ProviderId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The default power model of the planning contract (Cloud Carbon Footprint methodology):
 * {@code watts = vcpus × (min + u × (max − min)) + memoryGiB × 0.392}, times the provider's PUE; grams per
 * hour = facility watts × intensity / 1000. A measured wattage (bare metal, owned machines) replaces the
 * modelled IT watts. Coefficients are configurable per provider.
 */
public final class PowerModel {

    /** Watts per GiB of memory (CCF). */
    public static final double MEMORY_WATTS_PER_GIB = 0.392;
    public static final double DEFAULT_UTILISATION = 0.5;

    private final Map<ProviderId, ProviderPower> providers;
    private final ProviderPower fallback;
    private final double utilisation;

    public PowerModel(Map<ProviderId, ProviderPower> providers, ProviderPower fallback, double utilisation) {
        this.providers = Map.copyOf(providers);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        if (!(utilisation >= 0 && utilisation <= 1)) {
            throw new IllegalArgumentException("utilisation must be in [0,1]");
        }
        this.utilisation = utilisation;
    }

    /** The coefficients of the planning contract; OVHcloud and unknown providers use the fallback. */
    public static PowerModel defaults() {
        Map<ProviderId, ProviderPower> m = new HashMap<>();
        m.put(ProviderId.AWS, new ProviderPower(0.74, 3.5, MEMORY_WATTS_PER_GIB, 1.135, null, "planning contract (CCF): AWS"));
        m.put(ProviderId.GCP, new ProviderPower(0.71, 4.26, MEMORY_WATTS_PER_GIB, 1.1, null, "planning contract (CCF): GCP"));
        m.put(ProviderId.AZURE, new ProviderPower(0.78, 3.76, MEMORY_WATTS_PER_GIB, 1.185, null, "planning contract (CCF): Azure"));
        ProviderPower assumed = new ProviderPower(0.74, 3.84, MEMORY_WATTS_PER_GIB, 1.2, null,
                "assumed: mean of the AWS/GCP/Azure coefficients and PUE 1.2 (configure measured watts and PUE)");
        m.put(ProviderId.OVH, assumed);
        return new PowerModel(m, assumed, DEFAULT_UTILISATION);
    }

    public PowerModel with(ProviderId provider, ProviderPower power) {
        Map<ProviderId, ProviderPower> m = new HashMap<>(providers);
        m.put(provider, power);
        return new PowerModel(m, fallback, utilisation);
    }

    public PowerModel withUtilisation(double u) {
        return new PowerModel(providers, fallback, u);
    }

    public ProviderPower of(ProviderId provider) {
        return providers.getOrDefault(provider, fallback);
    }

    public double utilisation() {
        return utilisation;
    }

    /** The node's power. */
    public PowerEstimate estimate(NodeSpec node) {
        ProviderPower p = of(node.provider());
        double u = node.utilisation() != null ? node.utilisation() : utilisation;
        double pue = node.pue() != null ? node.pue() : p.pue();
        boolean measured = node.measuredWatts() != null;
        double it = measured ? node.measuredWatts()
                : node.vcpus() * (p.minWattsPerVcpu() + u * (p.maxWattsPerVcpu() - p.minWattsPerVcpu()))
                  + node.memoryGiB() * p.wattsPerGiB();
        String basis = measured ? "measured/configured watts; PUE " + (node.pue() != null ? "configured" : p.basis()) : p.basis();
        return new PowerEstimate(node.vcpus(), node.memoryGiB(), u, p.minWattsPerVcpu(), p.maxWattsPerVcpu(), p.wattsPerGiB(),
                it, pue, it * pue, measured, basis);
    }

    /** Grams CO2e per node-hour at the given intensity, with the breakdown. */
    public CarbonBreakdown footprint(NodeSpec node, ResolvedIntensity intensity) {
        PowerEstimate pw = estimate(node);
        double operational = pw.facilityWatts() * intensity.gco2PerKwh() / 1000.0;
        ProviderPower p = of(node.provider());
        double embodied = p.embodiedGramsPerVcpuHour() == null ? 0 : p.embodiedGramsPerVcpuHour() * node.vcpus();
        String formula = pw.measured()
                ? String.format(Locale.ROOT, "%.3f W (measured) × PUE %.3f × %.1f g/kWh / 1000 = %.3f g/h",
                        pw.itWatts(), pw.pue(), intensity.gco2PerKwh(), operational)
                : String.format(Locale.ROOT, "(%s vCPU × (%.3f + %.2f × (%.3f − %.3f)) + %s GiB × %.3f) W × PUE %.3f × %.1f g/kWh / 1000 = %.3f g/h",
                        trim(pw.vcpus()), pw.minWattsPerVcpu(), pw.utilisation(), pw.maxWattsPerVcpu(), pw.minWattsPerVcpu(),
                        trim(pw.memoryGiB()), pw.wattsPerGiB(), pw.pue(), intensity.gco2PerKwh(), operational);
        if (embodied > 0) {
            formula += String.format(Locale.ROOT, " + embodied %s vCPU × %.3f g/vCPU-h", trim(node.vcpus()), p.embodiedGramsPerVcpuHour());
        }
        return new CarbonBreakdown(operational + embodied, operational, embodied, intensity, pw, formula);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
