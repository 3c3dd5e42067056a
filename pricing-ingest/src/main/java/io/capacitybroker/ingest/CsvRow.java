package io.capacitybroker.ingest;

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
            sb.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    sb.append('"');
                }
                sb.append(c);
            }
            sb.append('"');
        }
        return this;
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
