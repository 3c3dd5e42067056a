package io.capacitybroker.carbon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small RFC 4180 reader for the bundled CSV resources (quoted fields may hold commas and quotes). */
final class Csv {

    private Csv() {
    }

    /** Rows of a classpath resource as header → value maps. */
    static List<Map<String, String>> read(String resource) {
        InputStream in = Csv.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing bundled resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<List<String>> rows = parse(r);
            if (rows.isEmpty()) {
                return List.of();
            }
            List<String> header = rows.getFirst();
            List<Map<String, String>> out = new ArrayList<>(rows.size() - 1);
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() == 1 && row.getFirst().isEmpty()) {
                    continue;
                }
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i), i < row.size() ? row.get(i) : "");
                }
                out.add(m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<String>> parse(BufferedReader r) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = r.read()) >= 0) {
            any = true;
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    r.mark(1);
                    int n = r.read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (n >= 0) {
                            r.reset();
                        }
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        if (any) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
