package io.capacitybroker.carbon;

import java.util.Locale;

/**
 * Average (attributional: the mix of the grid) or marginal (MOER: the emissions of the generator that
 * answers one more kWh) intensity. Stored apart; {@link CarbonConfig#policy()} chooses which the planner uses.
 */
public enum SignalType {
    AVERAGE, MARGINAL;

    /** The value of the {@code signal} column. */
    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SignalType fromDb(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
