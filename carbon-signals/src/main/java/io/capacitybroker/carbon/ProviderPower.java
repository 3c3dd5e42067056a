package io.capacitybroker.carbon;

/**
 * Power coefficients of one provider's nodes: watts per vCPU at idle and at full load, watts per GiB
 * of memory, the data centres' PUE, and what these numbers rest on ({@code basis}).
 * {@code embodiedGramsPerVcpuHour} is the optional embodied (manufacturing) share per vCPU-hour; null = not counted.
 */
public record ProviderPower(double minWattsPerVcpu, double maxWattsPerVcpu, double wattsPerGiB, double pue,
                            Double embodiedGramsPerVcpuHour, String basis) {

    public ProviderPower {
        if (!(minWattsPerVcpu >= 0) || !(maxWattsPerVcpu >= minWattsPerVcpu)) {
            throw new IllegalArgumentException("need 0 <= minWattsPerVcpu <= maxWattsPerVcpu");
        }
        if (!(wattsPerGiB >= 0)) {
            throw new IllegalArgumentException("wattsPerGiB must be >= 0");
        }
        if (!(pue >= 1)) {
            throw new IllegalArgumentException("pue must be >= 1");
        }
        if (embodiedGramsPerVcpuHour != null && !(embodiedGramsPerVcpuHour >= 0)) {
            throw new IllegalArgumentException("embodiedGramsPerVcpuHour must be >= 0");
        }
    }

    public ProviderPower withPue(double p) {
        return new ProviderPower(minWattsPerVcpu, maxWattsPerVcpu, wattsPerGiB, p, embodiedGramsPerVcpuHour, basis);
    }

    public ProviderPower withEmbodied(Double gramsPerVcpuHour) {
        return new ProviderPower(minWattsPerVcpu, maxWattsPerVcpu, wattsPerGiB, pue, gramsPerVcpuHour, basis);
    }
}
