package io.capacitybroker.planner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real offers read from the repository's bundled catalogs (prices) and CCF grid factors (carbon). Found by walking up
 * from the working directory to the repository root (the directory with pom.xml and provider-adapters/). Test code
 * only.
 */
final class Catalog {

    record Row(String provider, String region, String zone, String type, boolean spot, double vcpus, double mem,
            double price, double rate, double co2) {
        String id() {
            return provider + ":" + region + ":" + (zone == null ? "-" : zone) + ":" + type + ":"
                    + (spot ? "spot" : "on_demand");
        }
    }

    static final String CATALOG = "provider-adapters/provider-simulated/src/main/resources/capacity-broker/catalog/";
    static final String CARBON = "carbon-signals/src/main/resources/capacity-broker/carbon/ccf/";

    private static List<Row> rows;

    static synchronized List<Row> rows() {
        if (rows == null) {
            rows = load(root());
        }
        return rows;
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("provider-adapters"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("repository root (pom.xml + provider-adapters/) not found above "
                + Path.of("").toAbsolutePath());
    }

    private static List<String[]> csv(Path f) {
        try {
            List<String[]> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(f);
            for (int i = 1; i < lines.size(); i++) {
                String l = lines.get(i);
                if (!l.isBlank()) {
                    out.add(split(l));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] split(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (c == ',' && !q) {
                f.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        f.add(b.toString());
        return f.toArray(new String[0]);
    }

    private static double num(String s, double dflt) {
        try {
            return s == null || s.isBlank() ? dflt : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** CCF power model: watts = vcpus x (min + u (max - min)) + GiB x 0.392, x PUE, x intensity; grams per hour. */
    static double co2(String provider, double vcpus, double memGiB, double tonnesPerKwh) {
        double min;
        double max;
        double pue;
        switch (provider) {
            case "aws" -> {
                min = 0.74;
                max = 3.5;
                pue = 1.135;
            }
            case "gcp" -> {
                min = 0.71;
                max = 4.26;
                pue = 1.1;
            }
            default -> {
                min = 0.78;
                max = 3.76;
                pue = 1.185;
            }
        }
        double watts = vcpus * (min + 0.5 * (max - min)) + memGiB * 0.392;
        double gramsPerKwh = tonnesPerKwh * 1e6;
        return watts * pue * gramsPerKwh / 1000.0;
    }

    private static Map<String, Double> grid(Path root, String provider, int col) {
        Map<String, Double> m = new HashMap<>();
        for (String[] r : csv(root.resolve(CARBON + "grid-emissions-factors-" + provider + ".csv"))) {
            String key = r[0].toLowerCase().replace(" ", "");
            double v = num(r[col], 0.0004);
            if (v > 0.01 && r[col].trim().startsWith("0")) {
                // a few upstream rows lost their decimal point ("000077" for 0.000077 t/kWh)
                v = num("0." + r[col].trim(), 0.0004);
            }
            m.put(key, v);
        }
        return m;
    }

    /** SpotLake interruption-frequency band (IF 3.0 = under 5 %/month ... 1.0 = over 20 %/month) per hour. */
    static double ifRate(double band) {
        double monthly;
        if (band >= 3.0) {
            monthly = 0.025;
        } else if (band >= 2.5) {
            monthly = 0.075;
        } else if (band >= 2.0) {
            monthly = 0.125;
        } else if (band >= 1.5) {
            monthly = 0.175;
        } else {
            monthly = 0.25;
        }
        return monthly / 730.0;
    }

    private static List<Row> load(Path root) {
        List<Row> out = new ArrayList<>();
        Map<String, Double> awsGrid = grid(root, "aws", 3);
        Map<String, Double> azGrid = grid(root, "azure", 3);
        Map<String, Double> gcpGrid = grid(root, "gcp", 2);
        // AWS on-demand
        Map<String, double[]> awsTypes = new HashMap<>();
        for (String[] r : csv(root.resolve(CATALOG + "aws/aws_ec2_instance_types_2026-01-22.csv"))) {
            if (num(r[3], 0) == 0) {
                awsTypes.put(r[0], new double[] {num(r[1], 0), num(r[2], 0) / 1024.0});
            }
        }
        for (String[] r : csv(root.resolve(CATALOG + "aws/aws_ec2_ondemand_linux_multiregion_2023-08-06.csv"))) {
            double v = num(r[2], 0);
            double mem = num(r[3], 0) / 1024.0;
            if (v <= 0 || mem <= 0 || num(r[4], 0) > 0) {
                continue;
            }
            double price = num(r[6], 0);
            double g = awsGrid.getOrDefault(r[0], 0.0004);
            out.add(new Row("aws", r[0], null, r[1], false, v, mem, price, 0, co2("aws", v, mem, g)));
        }
        // AWS spot (SpotLake, per AZ id)
        for (String[] r : csv(root.resolve(CATALOG + "aws/spotlake_aws_spot_snapshot_2022-07-12.csv"))) {
            double[] t = awsTypes.get(r[5]);
            if (t == null || t[0] <= 0 || t[1] <= 0) {
                continue;
            }
            double g = awsGrid.getOrDefault(r[4], 0.0004);
            out.add(new Row("aws", r[4], r[3], r[5], true, t[0], t[1], num(r[0], 0), ifRate(num(r[6], 3.0)),
                    co2("aws", t[0], t[1], g)));
        }
        // GCP on-demand and spot per region
        for (String[] r : csv(root.resolve(CATALOG + "gcp/gcp_compute_engine_prices_2026-07-30.csv"))) {
            double v = num(r[2], 0);
            double mem = num(r[3], 0);
            if (v <= 0 || mem <= 0 || !r[4].isBlank() || num(r[5], 0) > 0) {
                continue;
            }
            double g = gcpGrid.getOrDefault(r[7], 0.0004);
            double co2 = co2("gcp", v, mem, g);
            double od = num(r[8], 0);
            double sp = num(r[9], 0);
            if (od > 0) {
                out.add(new Row("gcp", r[7], null, r[0], false, v, mem, od, 0, co2));
            }
            if (sp > 0) {
                out.add(new Row("gcp", r[7], null, r[0], true, v, mem, sp, 0.1 / 730.0, co2));
            }
        }
        // Azure on-demand
        Map<String, double[]> azSizes = new HashMap<>();
        for (String[] r : csv(root.resolve(CATALOG + "azure/azure_vm_sizes.csv"))) {
            if (num(r[4], 0) == 0) {
                azSizes.put(r[0], new double[] {num(r[2], 0), num(r[3], 0) / 1024.0});
            }
        }
        for (String[] r : csv(root.resolve(CATALOG + "azure/azure_vm_ondemand_linux_2026-06-18.csv"))) {
            double v = num(r[2], 0);
            double mem = num(r[3], 0) / 1024.0;
            if (v <= 0 || mem <= 0) {
                double[] s = azSizes.get(r[1]);
                if (s == null) {
                    continue;
                }
                v = s[0];
                mem = s[1];
            }
            if (v <= 0 || mem <= 0 || num(r[4], 0) > 0) {
                continue;
            }
            double price = num(r[6], 0);
            if (price <= 0) {
                continue;
            }
            double g = azGrid.getOrDefault(r[0], 0.0004);
            out.add(new Row("azure", r[0], null, r[1], false, v, mem, price, 0, co2("azure", v, mem, g)));
        }
        // unique ids (the AWS spot snapshot may repeat a pool)
        Map<String, Row> uniq = new java.util.LinkedHashMap<>();
        for (Row r : out) {
            if (r.vcpus() <= 128 && r.price() > 0) {
                uniq.putIfAbsent(r.id(), r);
            }
        }
        return List.copyOf(uniq.values());
    }
}
