package io.capacitybroker.provider.azure;

import io.capacitybroker.domain.Market;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a Retail Prices row is. Kept: Linux pay-as-you-go rows ({@code type Consumption}), Spot when
 * {@code meterName} or {@code skuName} ends with " Spot", on-demand otherwise. Dropped: Low Priority (Batch)
 * rows, Windows rows ({@code productName} ending with " Windows"), DevTest and Reservation rows, rows of other
 * services, rows not priced per hour or not in USD, volume tiers above zero, and zero prices.
 */
final class RetailPriceClassifier {

    /** Why a row was kept or dropped. */
    enum Verdict {
        ON_DEMAND, SPOT, LOW_PRIORITY, WINDOWS, NOT_CONSUMPTION, OTHER_SERVICE, NOT_HOURLY, NOT_USD, NO_SKU,
        HIGHER_TIER, NO_PRICE
    }

    private static final Pattern HOURS = Pattern.compile("(\\d+)\\s*/?\\s*hours?", Pattern.CASE_INSENSITIVE);

    private RetailPriceClassifier() {
    }

    static Verdict classify(RetailPriceRow row) {
        if (!"Consumption".equals(row.type())) {
            return Verdict.NOT_CONSUMPTION;
        }
        if (row.serviceName() != null && !"Virtual Machines".equals(row.serviceName())) {
            return Verdict.OTHER_SERVICE;
        }
        if (row.armSkuName() == null || row.armSkuName().isBlank() || row.armSkuName().indexOf(':') >= 0) {
            return Verdict.NO_SKU;
        }
        if (endsWith(row.meterName(), " Low Priority") || endsWith(row.skuName(), " Low Priority")) {
            return Verdict.LOW_PRIORITY;
        }
        if (endsWith(row.productName(), " Windows")) {
            return Verdict.WINDOWS;
        }
        if (!"USD".equalsIgnoreCase(row.currencyCode())) {
            return Verdict.NOT_USD;
        }
        if (hours(row.unitOfMeasure()) == 0) {
            return Verdict.NOT_HOURLY;
        }
        if (row.tierMinimumUnits() != null && row.tierMinimumUnits().signum() != 0) {
            return Verdict.HIGHER_TIER;
        }
        if (row.retailPrice() == null || row.retailPrice().signum() <= 0) {
            return Verdict.NO_PRICE;
        }
        return endsWith(row.meterName(), " Spot") || endsWith(row.skuName(), " Spot") ? Verdict.SPOT
                : Verdict.ON_DEMAND;
    }

    /** The market of a kept row, or empty when the row is dropped. */
    static Optional<Market> market(RetailPriceRow row) {
        return switch (classify(row)) {
            case ON_DEMAND -> Optional.of(Market.ON_DEMAND);
            case SPOT -> Optional.of(Market.SPOT);
            default -> Optional.empty();
        };
    }

    /** USD per node-hour: the row's retail price divided by the hours of its unit ("1 Hour", "10 Hours"). */
    static BigDecimal usdPerHour(RetailPriceRow row) {
        int hours = hours(row.unitOfMeasure());
        if (hours <= 0) {
            throw new IllegalArgumentException("not an hourly unit: " + row.unitOfMeasure());
        }
        return hours == 1 ? row.retailPrice() : row.retailPrice().divide(BigDecimal.valueOf(hours), 10,
                RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    static int hours(String unitOfMeasure) {
        if (unitOfMeasure == null) {
            return 0;
        }
        Matcher m = HOURS.matcher(unitOfMeasure.trim());
        if (!m.matches()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean endsWith(String value, String suffix) {
        return value != null && value.toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT));
    }
}
