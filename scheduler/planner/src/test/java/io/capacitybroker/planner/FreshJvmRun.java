package io.capacitybroker.planner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark helper (not a test): plans each {@code size:seed} scenario of {@link PlannerBenchmark} in a JVM of its own,
 * as the offline CLI does (no warm-up: the JIT compiles while the planner runs), and prints the checked objective and
 * {@code solveMillis}. {@link PlannerBenchmark} and {@link QuickBench} plan warm (after a warm-up solve), which gives
 * the planner about twice the work in the same time limit. Run with the test classpath, e.g. {@code FreshJvmRun 2:1
 * 4:3}; JVM options of the children: {@code -Dchild.opts="-Xmx1g"} (default {@code -Xmx4g}).
 */
public final class FreshJvmRun {

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals("--one")) {
            String json = PlannerBenchmark.scenarioJson(args[1]);
            Plan p = Planner.plan(ScenarioReader.read(json));
            PlanChecker.Result r = PlanChecker.check(json, PlanWriter.writeCompact(p));
            if (!r.ok()) {
                throw new IllegalStateException("invalid plan: " + r.errors());
            }
            System.out.printf(Locale.ROOT, "%s planner %.2f (%d ms)%n", args[1], r.objective(), p.solveMillis());
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String a : args) {
            List<String> cmd = new ArrayList<>(List.of(java));
            for (String o : System.getProperty("child.opts", "-Xmx4g").trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    cmd.add(o);
                }
            }
            cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    FreshJvmRun.class.getName(), "--one", a));
            Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println(line);
                }
            }
            if (proc.waitFor() != 0) {
                throw new IllegalStateException("child JVM for " + a + " exited with " + proc.exitValue());
            }
        }
    }
}
