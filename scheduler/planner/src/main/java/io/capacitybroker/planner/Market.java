package io.capacitybroker.planner;

/** Market of an offer: spot (interruptible, cheaper) or on-demand. */
public enum Market {
    SPOT("spot"), ON_DEMAND("on_demand");

    private final String json;

    Market(String json) {
        this.json = json;
    }

    /** The value as written in JSON. */
    public String json() {
        return json;
    }

    /** Parses the JSON value, or returns null when it is not a market. */
    public static Market fromJson(String s) {
        for (Market m : values()) {
            if (m.json.equals(s)) {
                return m;
            }
        }
        return null;
    }
}
