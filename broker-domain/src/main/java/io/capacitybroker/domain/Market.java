package io.capacitybroker.domain;

import java.util.Locale;

/** How a node is bought: interruptible spot capacity or on-demand capacity. */
public enum Market {
    SPOT("spot"),
    ON_DEMAND("on_demand");

    private final String wireName;

    Market(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON, ids and the database ("spot", "on_demand"). */
    public String wireName() {
        return wireName;
    }

    public static Market fromWireName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Market m : values()) {
            if (m.wireName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown market '" + name + "' (expected spot or on_demand)");
    }
}
