package io.capacitybroker.ingest;

import io.capacitybroker.domain.OfferKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Records an "insufficient capacity" answer to a rent: the pool is marked unavailable until
 * {@code now + ttl} (the planner then offers no new node there) and the event is kept in the capacity
 * signal history. A later error extends the window; an earlier one never shortens it.
 */
public class CapacityErrors {

    private final DataSource dataSource;
    private final Duration ttl;

    public CapacityErrors(DataSource dataSource, Duration ttl) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("capacity error TTL must be > 0");
        }
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** @return whether the pool is known (an unknown pool is not recorded) */
    public boolean record(OfferKey pool, Instant at, String source) {
        Instant until = at.plus(ttl);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement upd = c.prepareStatement("""
                    UPDATE offer SET unavailable_until = greatest(coalesce(unavailable_until, ?), ?)
                    WHERE offer_key = ? RETURNING id""");
                 PreparedStatement ins = c.prepareStatement("""
                         INSERT INTO capacity_signal (offer_id, kind, observed_at, fetched_at, value, source)
                         VALUES (?, 'CAPACITY_ERROR', ?, ?, 1, ?) ON CONFLICT DO NOTHING""")) {
                upd.setTimestamp(1, Timestamp.from(until));
                upd.setTimestamp(2, Timestamp.from(until));
                upd.setString(3, pool.id());
                long offerId;
                try (var rs = upd.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return false;
                    }
                    offerId = rs.getLong(1);
                }
                ins.setLong(1, offerId);
                ins.setTimestamp(2, Timestamp.from(at));
                ins.setTimestamp(3, Timestamp.from(at));
                ins.setString(4, source);
                ins.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a capacity error for " + pool.id() + ": " + e.getMessage(), e);
        }
    }
}
