package io.capacitybroker.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time of the consecutive steps of a merge, for debug logs and the ingest benchmark. */
final class StepTimer {

    private final Map<String, Long> millis = new LinkedHashMap<>();
    private long last = System.nanoTime();

    void mark(String step) {
        long now = System.nanoTime();
        millis.merge(step, (now - last) / 1_000_000, Long::sum);
        last = now;
    }

    @Override
    public String toString() {
        return millis.toString();
    }
}
