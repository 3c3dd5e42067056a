package io.capacitybroker.provider.simulated;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The spot price of a pool at a given hour: a seeded, bounded random walk that is a pure function of
 * (seed, pool, hour index) — no hidden state, so any hour can be priced in any order.
 *
 * <p>Each hour draws one shock per pool, uniform with unit variance. The log-price deviation is the sum
 * of the last {@value #WINDOW} shocks divided by sqrt({@value #WINDOW}) (a sliding-window random walk):
 * hour to hour it moves like a random walk (one new shock in, one old shock out, a step of about
 * {@code volatility * sqrt(2/WINDOW)}), but its spread stays bounded at {@code volatility} and it keeps
 * coming back to the snapshot price. The price is {@code snapshot * exp(volatility * deviation)}, rounded
 * to 6 decimals and clamped to {@code [floorFactor * min(snapshot, ceiling), ceiling]}, the ceiling
 * being the pool's on-demand price.
 */
final class SpotPriceWalk {

    static final int WINDOW = 24;
    private static final double SQRT3 = Math.sqrt(3.0);
    private static final double NORM = 1.0 / Math.sqrt(WINDOW);

    private SpotPriceWalk() {
    }

    static long hourIndex(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 3600L);
    }

    static Instant hourStart(long hourIndex) {
        return Instant.ofEpochSecond(hourIndex * 3600L);
    }

    /** The (unit-variance, approximately normal) deviation of the pool's log-price at an hour. */
    static double deviation(long seed, long poolHash, long hour) {
        double sum = 0;
        for (int k = 0; k < WINDOW; k++) {
            double u = Seeded.unit(Seeded.hash(seed, poolHash, hour - k, Seeded.SALT_SPOT_SHOCK));
            sum += (2 * u - 1) * SQRT3;
        }
        return sum * NORM;
    }

    static BigDecimal floor(CatalogPool pool, double floorFactor) {
        BigDecimal base = pool.snapshotPrice().min(pool.ceiling());
        BigDecimal floor = base.multiply(BigDecimal.valueOf(floorFactor)).setScale(6, RoundingMode.CEILING);
        return floor.min(pool.ceiling());
    }

    static BigDecimal price(long seed, CatalogPool pool, long hour, double volatility, double floorFactor) {
        BigDecimal ceiling = pool.ceiling();
        BigDecimal floor = floor(pool, floorFactor);
        double raw = pool.snapshotPrice().doubleValue()
                * Math.exp(volatility * deviation(seed, pool.hash(), hour));
        BigDecimal price = BigDecimal.valueOf(raw).setScale(6, RoundingMode.HALF_EVEN);
        if (price.compareTo(ceiling) > 0) {
            return ceiling;
        }
        if (price.compareTo(floor) < 0) {
            return floor;
        }
        return price;
    }
}
