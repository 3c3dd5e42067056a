package io.capacitybroker.provider.ovh;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The parts of the public order catalog ({@code GET /order/catalog/public/cloud?ovhSubsidiary=XX}) the adapter
 * needs: the catalog currency and, per addon plan code, the hourly price. OVHcloud gives prices as integers in
 * units of 10⁻⁸ of the currency ({@code 4700000} = 0.047 per hour).
 */
record OvhCatalog(String currency, String subsidiary, Map<String, Addon> addons) {

    static final BigDecimal PRICE_UNITS_PER_CURRENCY_UNIT = BigDecimal.valueOf(100_000_000L);

    /** One priced addon: its hourly price in the catalog currency and the GPUs its technical blob lists. */
    record Addon(String planCode, BigDecimal hourlyPrice, int gpus) {
    }

    static OvhCatalog parse(JsonNode root, String operation) {
        if (root == null || !root.isObject()) {
            throw OvhErrorMapper.malformed(operation, "expected a JSON object", null);
        }
        JsonNode locale = root.path("locale");
        String currency = text(locale.path("currencyCode"));
        if (currency == null || currency.isBlank()) {
            throw OvhErrorMapper.malformed(operation, "locale.currencyCode is missing", null);
        }
        JsonNode addons = root.path("addons");
        if (!addons.isArray()) {
            throw OvhErrorMapper.malformed(operation, "addons is not an array", null);
        }
        Map<String, Addon> byPlanCode = new HashMap<>(addons.size() * 2);
        for (JsonNode addon : addons) {
            String planCode = text(addon.path("planCode"));
            if (planCode == null) {
                continue;
            }
            BigDecimal hourly = hourlyPrice(addon.path("pricings"));
            if (hourly == null) {
                continue; // monthly plans and addons without an hourly consumption price
            }
            JsonNode gpu = addon.path("blobs").path("technical").path("gpu");
            int gpus = gpu.path("number").isIntegralNumber() ? Math.max(0, gpu.path("number").asInt()) : 0;
            byPlanCode.putIfAbsent(planCode, new Addon(planCode, hourly, gpus));
        }
        return new OvhCatalog(currency.trim().toUpperCase(java.util.Locale.ROOT), text(locale.path("subsidiary")),
                byPlanCode);
    }

    /**
     * The price of one hour: the pricing whose {@code intervalUnit} is {@code hour}, preferring one whose
     * capacities include {@code consumption}; {@code price / 10^8 / interval}. Null when there is none.
     */
    private static BigDecimal hourlyPrice(JsonNode pricings) {
        if (!pricings.isArray()) {
            return null;
        }
        JsonNode best = null;
        for (JsonNode p : pricings) {
            if (!"hour".equals(text(p.path("intervalUnit"))) || !p.path("price").isNumber()) {
                continue;
            }
            boolean consumption = false;
            for (JsonNode c : p.path("capacities")) {
                consumption |= "consumption".equals(text(c));
            }
            if (best == null || consumption) {
                best = p;
                if (consumption) {
                    break;
                }
            }
        }
        if (best == null) {
            return null;
        }
        BigDecimal price = best.path("price").decimalValue();
        if (price.signum() < 0) {
            return null;
        }
        int interval = best.path("interval").isIntegralNumber() ? Math.max(1, best.path("interval").asInt()) : 1;
        return price.divide(PRICE_UNITS_PER_CURRENCY_UNIT.multiply(BigDecimal.valueOf(interval)), 12,
                java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || !n.isValueNode() ? null : n.asString();
    }
}
