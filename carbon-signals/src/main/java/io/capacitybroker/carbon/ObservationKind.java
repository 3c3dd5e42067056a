package io.capacitybroker.carbon;

import java.util.Locale;

/** A measured value, a forecast, or a yearly average (the {@code kind} column). */
public enum ObservationKind {
    ACTUAL, FORECAST, YEARLY_AVERAGE;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ObservationKind fromDb(String v) {
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
