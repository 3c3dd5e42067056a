package io.capacitybroker.provider.simulated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread-safe clock that stands still until told to move: the clock of tests and of demos that
 * fast-forward the simulated cloud. (Any {@link Clock} works with {@link SimulatedCloud}; this one is
 * just convenient.)
 */
public final class SimulationClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public SimulationClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private SimulationClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public static SimulationClock startingAt(Instant start) {
        return new SimulationClock(start);
    }

    /** Moves the clock forward (or backward, for a negative duration) and returns the new time. */
    public Instant advance(Duration by) {
        Objects.requireNonNull(by, "by");
        return now.updateAndGet(t -> t.plus(by));
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that shares this clock's time. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new SimulationClock(now, newZone);
    }

    @Override
    public String toString() {
        return "SimulationClock[" + now.get() + "]";
    }
}
