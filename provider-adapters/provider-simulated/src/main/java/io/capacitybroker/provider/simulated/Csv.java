package io.capacitybroker.provider.simulated;

import java.io.BufferedReader;
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
        try (BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16)) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            List<String> names = split(line);
            Map<String, Integer> header = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                header.put(names.get(i).trim(), i);
            }
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                consumer.accept(new Row(header, split(line), lineNumber));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
