package io.capacitybroker.ingest;

import io.capacitybroker.domain.ProviderId;
import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one refresh of one provider. A failed refresh changes nothing that was stored
 * before: the last good prices stay in use and {@code error} says what went wrong.
 */
public record IngestResult(long runId, ProviderId provider, Status status, int offersSeen, int offersCreated,
                           int offersDeactivated, int observationsWritten, int signalsWritten, Instant startedAt,
                           Duration took, String errorCode, String error, String warning) {

    public enum Status { SUCCEEDED, FAILED }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
