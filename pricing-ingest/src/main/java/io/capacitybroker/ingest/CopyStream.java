package io.capacitybroker.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Feeds a {@code COPY ... FROM STDIN} in chunks while the rows are still being formatted, so that the
 * server parses and stores the first rows while the client builds the next ones (two cores instead of
 * one in turn). Closing without {@link #finish()} cancels the copy.
 */
final class CopyStream implements AutoCloseable {

    private static final int CHUNK_CHARS = 64 * 1024;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(CHUNK_CHARS + 1024);
    private boolean finished;

    CopyStream(CopyIn copy) {
        this.copy = copy;
    }

    /** Append whole rows here, then call {@link #flushIfFull()}. */
    StringBuilder buffer() {
        return buffer;
    }

    void flushIfFull() throws SQLException {
        if (buffer.length() >= CHUNK_CHARS) {
            flush();
        }
    }

    /** Sends what is left and ends the copy; returns the number of rows the server stored. */
    long finish() throws SQLException {
        flush();
        finished = true;
        return copy.endCopy();
    }

    private void flush() throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    @Override
    public void close() throws SQLException {
        if (!finished && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
