package io.capacitybroker.app.cli;

import io.capacitybroker.planner.Plan;
import io.capacitybroker.planner.PlanWriter;
import io.capacitybroker.planner.Planner;
import io.capacitybroker.planner.PlannerOptions;
import io.capacitybroker.planner.Scenario;
import io.capacitybroker.planner.ScenarioReader;
import io.capacitybroker.planner.ScenarioValidationException;
import io.capacitybroker.planner.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The offline commands of the broker jar. They run without Spring, a database or the network.
 *
 * <pre>
 * java -jar capacity-broker.jar plan SCENARIO.json [--time-limit-ms N] [--no-explanations]
 * java -jar capacity-broker.jar plan -            (scenario on standard input)
 * </pre>
 * Exit codes: 0 plan printed on stdout; 2 bad usage or a scenario that breaks the contract (each bad
 * field named by JSON path on stderr); 1 an unexpected internal error.
 */
public final class BrokerCli {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;

    private static final Set<String> COMMANDS = Set.of("plan", "help", "--help", "-h");

    private BrokerCli() {
    }

    /** Whether the arguments name an offline command (otherwise the server starts). */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            return switch (args[0]) {
                case "plan" -> plan(Arrays.copyOfRange(args, 1, args.length), stdin, out, err);
                default -> {
                    out.println(usage());
                    yield OK;
                }
            };
        } catch (RuntimeException e) {
            err.println("capacity-broker: internal error: " + e);
            return INTERNAL_ERROR;
        }
    }

    static String usage() {
        return """
                usage: java -jar capacity-broker.jar plan SCENARIO.json|- [--time-limit-ms N] [--no-explanations]
                       java -jar capacity-broker.jar [--server.port=8080 ...]   (start the broker)
                Prints the plan (capacity-broker/plan@1) for a scenario (capacity-broker/scenario@1) on stdout.
                Exit codes: 0 ok, 2 invalid usage or scenario (fields named by JSON path on stderr), 1 internal error.""";
    }

    private static int plan(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String file = null;
        PlannerOptions options = PlannerOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--no-explanations" -> options = options.withExplain(false);
                case "--time-limit-ms" -> {
                    if (i + 1 >= args.length) {
                        return usageError(err, "--time-limit-ms needs a value");
                    }
                    try {
                        long ms = Long.parseLong(args[++i]);
                        if (ms <= 0) {
                            return usageError(err, "--time-limit-ms must be > 0");
                        }
                        options = options.withTimeLimitMillis(ms);
                    } catch (NumberFormatException e) {
                        return usageError(err, "--time-limit-ms must be an integer, not '" + args[i] + "'");
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        return usageError(err, "unknown option " + a);
                    }
                    if (file != null) {
                        return usageError(err, "only one scenario file, got '" + file + "' and '" + a + "'");
                    }
                    file = a;
                }
            }
        }
        if (file == null) {
            return usageError(err, "missing SCENARIO.json");
        }
        String json;
        try {
            json = file.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("capacity-broker: " + file + ": no such file");
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("capacity-broker: cannot read " + file + ": " + e.getMessage());
            return BAD_INPUT;
        }
        Scenario scenario;
        try {
            scenario = ScenarioReader.read(json);
        } catch (ScenarioValidationException e) {
            List<Violation> violations = e.violations();
            err.println("capacity-broker: " + file + " is not a valid capacity-broker/scenario@1 ("
                    + violations.size() + (violations.size() == 1 ? " problem" : " problems") + "):");
            for (Violation v : violations) {
                err.println("  " + v.jsonPath() + ": " + v.message());
            }
            return BAD_INPUT;
        }
        Plan plan = Planner.plan(scenario, options);
        out.println(PlanWriter.write(plan));
        out.flush();
        return OK;
    }

    private static int usageError(PrintStream err, String message) {
        err.println("capacity-broker: " + message);
        err.println(usage());
        return BAD_INPUT;
    }
}
