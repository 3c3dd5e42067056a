package io.capacitybroker.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one node of an instance type offers. vCPUs can be fractional for shared-core types
 * (e.g. 0.25 for a GCP f1-micro); memory is in GiB.
 */
public record InstanceShape(String instanceType, BigDecimal vcpus, BigDecimal memoryGiB, int gpus, String architecture) {

    public InstanceShape {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(vcpus, "vcpus");
        Objects.requireNonNull(memoryGiB, "memoryGiB");
        if (vcpus.signum() <= 0) {
            throw new IllegalArgumentException("vcpus must be > 0 for " + instanceType);
        }
        if (memoryGiB.signum() <= 0) {
            throw new IllegalArgumentException("memoryGiB must be > 0 for " + instanceType);
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("gpus must be >= 0 for " + instanceType);
        }
        architecture = architecture == null || architecture.isBlank() ? "amd64" : architecture;
    }

    /** Memory given in MiB, as most catalogs list it. */
    public static InstanceShape ofMiB(String instanceType, BigDecimal vcpus, long memoryMiB, int gpus, String architecture) {
        return new InstanceShape(instanceType, vcpus,
                BigDecimal.valueOf(memoryMiB).divide(BigDecimal.valueOf(1024)).stripTrailingZeros(), gpus, architecture);
    }
}
