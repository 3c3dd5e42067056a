package io.capacitybroker.provider.azure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Azure's Spot eviction-rate bucket ({@code "0-5"}, {@code "5-10"}, {@code "10-15"}, {@code "15-20"},
 * {@code "20+"}: the percentage of Spot VMs of a size evicted over a recent window) into a probability per
 * hour. The bucket is read as its mid-point ({@code "20+"} as 25 %), taken as the share of VMs evicted over the
 * window, and spread evenly over the window's hours with a constant hazard: {@code 1 - (1 - p)^(1/hours)}.
 */
final class SpotEvictionRates {

    /** The share assumed for an open-ended bucket beyond its lower bound ("20+" = 25 %). */
    static final BigDecimal OPEN_BUCKET_EXTRA_PERCENT = BigDecimal.valueOf(5);

    private static final Pattern RANGE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*-\\s*(\\d+(?:\\.\\d+)?)\\s*%?\\s*");
    private static final Pattern OPEN = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*%?\\s*\\+\\s*");

    private SpotEvictionRates() {
    }

    /** The bucket's percentage (mid-point), or null when the bucket is not understood. */
    static BigDecimal percent(String bucket) {
        if (bucket == null) {
            return null;
        }
        Matcher m = RANGE.matcher(bucket);
        if (m.matches()) {
            BigDecimal lo = new BigDecimal(m.group(1));
            BigDecimal hi = new BigDecimal(m.group(2));
            if (hi.compareTo(lo) < 0 || hi.compareTo(BigDecimal.valueOf(100)) > 0) {
                return null;
            }
            return lo.add(hi).divide(BigDecimal.valueOf(2));
        }
        m = OPEN.matcher(bucket);
        if (m.matches()) {
            BigDecimal p = new BigDecimal(m.group(1)).add(OPEN_BUCKET_EXTRA_PERCENT);
            return p.min(BigDecimal.valueOf(100));
        }
        return null;
    }

    /** Probability per hour that a Spot node is evicted, or null when the bucket is not understood. */
    static BigDecimal perHour(String bucket, Duration window) {
        BigDecimal percent = percent(bucket);
        if (percent == null) {
            return null;
        }
        double p = percent.doubleValue() / 100.0;
        double hours = Math.max(1, window.toHours());
        double hourly = p >= 1 ? 1 : -Math.expm1(Math.log1p(-p) / hours);
        return new BigDecimal(hourly, new MathContext(6)).stripTrailingZeros();
    }
}
