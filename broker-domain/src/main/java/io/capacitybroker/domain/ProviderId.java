package io.capacitybroker.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** A cloud or hosting provider, by its short lower-case code ("aws", "gcp", "azure", "ovh"). */
public record ProviderId(String code) implements Comparable<ProviderId> {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    public static final ProviderId AWS = new ProviderId("aws");
    public static final ProviderId GCP = new ProviderId("gcp");
    public static final ProviderId AZURE = new ProviderId("azure");
    public static final ProviderId OVH = new ProviderId("ovh");

    public ProviderId {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("provider code must match " + CODE.pattern() + ": '" + code + "'");
        }
    }

    public static ProviderId of(String code) {
        return new ProviderId(code);
    }

    @Override
    public int compareTo(ProviderId o) {
        return code.compareTo(o.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
