package io.capacitybroker.provider.aws;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one item of a Price List {@code GetProducts} answer. Each item is itself a JSON document (a string
 * inside the response's {@code PriceList} array); the on-demand hourly price sits at
 * {@code terms.OnDemand.<offerTerm>.priceDimensions.<rateCode>.pricePerUnit.USD} with unit {@code Hrs}.
 * Malformed items throw a Jackson exception, which {@link AwsErrorMapper} turns into Unavailable.
 */
final class PriceListParser {

    /** One on-demand list price. {@code effectiveDate} is the term's effective date when given. */
    record OnDemandPrice(String instanceType, String regionCode, String operation, BigDecimal usdPerHour,
                         Instant effectiveDate) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PriceListParser() {
    }

    /** The price in the item, or empty when it is no hourly USD on-demand price of an instance type. */
    static Optional<OnDemandPrice> parse(String priceListItem) {
        JsonNode root = JSON.readTree(priceListItem);
        JsonNode attributes = root.path("product").path("attributes");
        String instanceType = attributes.path("instanceType").asString("");
        String regionCode = attributes.path("regionCode").asString("");
        if (instanceType.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal best = null;
        Instant effective = null;
        for (Map.Entry<String, JsonNode> term : root.path("terms").path("OnDemand").properties()) {
            for (Map.Entry<String, JsonNode> dim : term.getValue().path("priceDimensions").properties()) {
                JsonNode d = dim.getValue();
                if (!"Hrs".equalsIgnoreCase(d.path("unit").asString(""))) {
                    continue;
                }
                String begin = d.path("beginRange").asString("0");
                if (!begin.isEmpty() && !"0".equals(begin)) {
                    continue; // a later usage tier, not the list price
                }
                String usd = d.path("pricePerUnit").path("USD").asString("");
                if (usd.isEmpty()) {
                    continue;
                }
                BigDecimal price = new BigDecimal(usd.trim());
                if (best == null || price.compareTo(best) < 0) {
                    best = price;
                    effective = instant(term.getValue().path("effectiveDate").asString(""));
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new OnDemandPrice(instanceType, regionCode, attributes.path("operation").asString(""),
                best.stripTrailingZeros(), effective));
    }

    private static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
