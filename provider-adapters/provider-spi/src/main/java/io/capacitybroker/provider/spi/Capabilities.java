package io.capacitybroker.provider.spi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The capabilities of one adapter. An unsupported capability always carries a human-readable reason
 * (e.g. "OVHcloud has no spot market"), so that the planner and the dashboard can say why an option
 * is missing instead of silently leaving it out.
 */
public final class Capabilities {

    private final Map<Capability, String> unsupported;

    private Capabilities(Map<Capability, String> unsupported) {
        this.unsupported = Collections.unmodifiableMap(new EnumMap<>(unsupported));
    }

    /** Everything supported. */
    public static Capabilities all() {
        return new Capabilities(new EnumMap<>(Capability.class));
    }

    /** A copy with {@code capability} unsupported for {@code reason}. */
    public Capabilities without(Capability capability, String reason) {
        Objects.requireNonNull(capability, "capability");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an unsupported capability needs a reason: " + capability);
        }
        EnumMap<Capability, String> copy = new EnumMap<>(Capability.class);
        copy.putAll(unsupported);
        copy.put(capability, reason);
        return new Capabilities(copy);
    }

    public boolean supports(Capability capability) {
        return !unsupported.containsKey(capability);
    }

    /** Why the capability is not supported, or empty when it is. */
    public Optional<String> reasonUnsupported(Capability capability) {
        return Optional.ofNullable(unsupported.get(capability));
    }

    /** Throws {@link ProviderException.Unsupported} when the capability is missing. */
    public void require(Capability capability) {
        String reason = unsupported.get(capability);
        if (reason != null) {
            throw new ProviderException.Unsupported(capability + " is not supported: " + reason);
        }
    }

    public Map<Capability, String> unsupported() {
        return unsupported;
    }

    @Override
    public String toString() {
        return "Capabilities{unsupported=" + unsupported + '}';
    }
}
