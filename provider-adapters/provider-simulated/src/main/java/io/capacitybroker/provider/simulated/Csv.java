package io.capacitybroker.provider.simulated;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A small RFC 4180 reader (quoted fields, doubled quotes; no embedded line breaks), header first. */
final class Csv {

    private Csv() {
    }

    /** One data row, read by column name; a missing column or a blank value reads as "". */
    static final class Row {
        private final Map<String, Integer> header;
        private final List<String> values;
        private final int lineNumber;

        Row(Map<String, Integer> header, List<String> values, int lineNumber) {
            this.header = header;
            this.values = values;
            this.lineNumber = lineNumber;
        }

        String get(String column) {
            Integer i = header.get(column);
            if (i == null || i >= values.size()) {
                return "";
            }
            return values.get(i).trim();
        }

        int lineNumber() {
            return lineNumber;
        }
    }

    static void forEachRow(Reader reader, Consumer<Row> consumer) {
        String text;
        try (Reader in = reader) {
            StringBuilder sb = new StringBuilder(1 << 16);
            char[] buf = new char[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
            }
            text = sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int pos = text.isEmpty() || text.charAt(0) != '\uFEFF' ? 0 : 1;
        Map<String, Integer> header = null;
        int lineNumber = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            int next = nl < 0 ? text.length() : nl + 1;
            if (end > pos && text.charAt(end - 1) == '\r') {
                end--;
            }
            String line = text.substring(pos, end);
            pos = next;
            lineNumber++;
            if (header == null) {
                List<String> names = split(line);
                header = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    header.put(names.get(i).trim(), i);
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            consumer.accept(new Row(header, split(line), lineNumber));
        }
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>(12);
        if (line.indexOf('"') < 0) { // fast path: no quoting
            int from = 0;
            for (int comma; (comma = line.indexOf(',', from)) >= 0; from = comma + 1) {
                out.add(line.substring(from, comma));
            }
            out.add(line.substring(from));
            return out;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
