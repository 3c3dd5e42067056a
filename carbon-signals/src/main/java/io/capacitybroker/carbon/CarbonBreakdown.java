package io.capacitybroker.carbon;

/**
 * A node-hour's grams of CO2e and everything it was computed from: the intensity (zone, signal, source,
 * observation time, fallback level) and the power model (watts, PUE, utilisation, coefficients).
 * {@code gramsPerHour = operationalGramsPerHour + embodiedGramsPerHour} (embodied is 0 unless enabled).
 */
public record CarbonBreakdown(double gramsPerHour, double operationalGramsPerHour, double embodiedGramsPerHour,
                              ResolvedIntensity intensity, PowerEstimate power, String formula) {

    /** This breakdown plus an embodied share (replacing any embodied share already counted). */
    public CarbonBreakdown withEmbodied(double grams, String how) {
        return new CarbonBreakdown(operationalGramsPerHour + grams, operationalGramsPerHour, grams, intensity, power,
                formula.replaceFirst(" \\+ embodied.*$", "") + " + embodied " + how);
    }
}
