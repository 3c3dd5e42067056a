package io.capacitybroker.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds one line of PostgreSQL CSV COPY input; null becomes an unquoted empty field (NULL). */
final class CsvRow {

    private final StringBuilder sb;
    private boolean first = true;

    CsvRow(StringBuilder target) {
        this.sb = target;
    }

    CsvRow text(String value) {
        sep();
        if (value != null) {
            sb.append(quote(value));
        }
        return this;
    }

    static String quote(String value) {
        StringBuilder q = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                q.append('"');
            }
            q.append(c);
        }
        return q.append('"').toString();
    }

    /**
     * Field text of values a catalog repeats on every row (timestamps, sources, currencies), formatted and
     * quoted once per refresh instead of once per row.
     */
    static final class Repeated {
        private final Map<Object, String> fields = new HashMap<>();

        String text(String value) {
            return value == null ? "" : fields.computeIfAbsent(value, v -> quote((String) v));
        }

        String instant(Instant value) {
            return fields.computeIfAbsent(value, v -> quote(v.toString()));
        }
    }

    CsvRow raw(Object value) {
        sep();
        if (value != null) {
            sb.append(value);
        }
        return this;
    }

    void end() {
        sb.append('\n');
        first = true;
    }

    private void sep() {
        if (!first) {
            sb.append(',');
        }
        first = false;
    }
}
