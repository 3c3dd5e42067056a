package io.capacitybroker.provider.simulated;

import io.capacitybroker.domain.ProviderId;

/** How each simulated vendor names itself, its nodes and its errors (real vendor codes). */
enum Vendor {
    AWS(ProviderId.AWS, "Amazon Web Services", "InsufficientInstanceCapacity", "InsufficientInstanceCapacity",
            "Unavailable", "RequestLimitExceeded", "AuthFailure", "InvalidParameterValue",
            "IdempotentParameterMismatch", "SpotMaxPriceTooLow"),
    GCP(ProviderId.GCP, "Google Cloud", "ZONE_RESOURCE_POOL_EXHAUSTED", "ZONE_RESOURCE_POOL_EXHAUSTED",
            "UNAVAILABLE", "rateLimitExceeded", "PERMISSION_DENIED", "INVALID_ARGUMENT", "INVALID_ARGUMENT", null),
    AZURE(ProviderId.AZURE, "Microsoft Azure", "AllocationFailed", "SkuNotAvailable", "ServiceUnavailable",
            "TooManyRequests", "AuthorizationFailed", "InvalidParameter", "InvalidParameter", null),
    OVH(ProviderId.OVH, "OVHcloud", null, null, "ServiceUnavailable", "TooManyRequests", "INVALID_CREDENTIAL",
            "InvalidParameter", "InvalidParameter", null);

    final ProviderId id;
    final String displayName;
    /** Capacity error when a pool that has capacity is full. */
    final String capacityCode;
    /** Capacity error when a pool has no capacity at all. */
    final String emptyPoolCode;
    final String unavailableCode;
    final String throttledCode;
    final String authCode;
    final String invalidCode;
    final String idempotencyMismatchCode;
    final String maxPriceTooLowCode;

    Vendor(ProviderId id, String displayName, String capacityCode, String emptyPoolCode, String unavailableCode,
           String throttledCode, String authCode, String invalidCode, String idempotencyMismatchCode,
           String maxPriceTooLowCode) {
        this.id = id;
        this.displayName = displayName;
        this.capacityCode = capacityCode;
        this.emptyPoolCode = emptyPoolCode;
        this.unavailableCode = unavailableCode;
        this.throttledCode = throttledCode;
        this.authCode = authCode;
        this.invalidCode = invalidCode;
        this.idempotencyMismatchCode = idempotencyMismatchCode;
        this.maxPriceTooLowCode = maxPriceTooLowCode;
    }

    /** A node id in the vendor's style, from a 64-bit seeded hash. */
    String nodeId(long hash) {
        String hex = String.format("%016x", hash);
        return switch (this) {
            case AWS -> "i-0" + hex;
            case GCP -> "cb-gce-" + hex.substring(0, 12);
            case AZURE -> "cb-vm-" + hex.substring(0, 12);
            case OVH -> "ovh-" + hex.substring(0, 12);
        };
    }

    static Vendor of(ProviderId id) {
        for (Vendor v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("the simulated cloud has no provider '" + id + "'");
    }
}
