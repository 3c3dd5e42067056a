package io.capacitybroker.carbon;

/**
 * The power side of a figure, with every input of the formula.
 *
 * @param itWatts          the node's own draw: measured, or vcpus × (min + u × (max − min)) + memoryGiB × wattsPerGiB
 * @param pue              the facility overhead factor applied
 * @param facilityWatts    itWatts × pue
 * @param measured         whether itWatts is a measured / configured figure rather than the model's
 * @param basis            what the coefficients rest on
 */
public record PowerEstimate(double vcpus, double memoryGiB, double utilisation, double minWattsPerVcpu,
                            double maxWattsPerVcpu, double wattsPerGiB, double itWatts, double pue, double facilityWatts,
                            boolean measured, String basis) {
}
