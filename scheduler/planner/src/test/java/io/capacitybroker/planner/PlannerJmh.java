package io.capacitybroker.planner;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH harness (not a test): wall time of one {@link Planner#plan} call per benchmark size, with the planner's
 * automatic time limit, single-shot (each call is a full solve). Run from the repository root after test-compile:
 *
 * <pre>
 * mvn -q -pl scheduler/planner -Denforcer.skip=true test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.capacitybroker.planner.PlannerJmh -Dexec.args="0,2,4"
 * </pre>
 *
 * (the argument is the list of size indices of {@link PlannerBenchmark#SIZES}, default 0–6).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PlannerJmh {

    @Param({"0", "1", "2", "3", "4", "5", "6"})
    public int size;

    private Scenario scenario;

    @Setup
    public void setUp() {
        scenario = ScenarioReader.read(ScenarioGenerator.generate(7919 + size, PlannerBenchmark.SIZES[size]));
    }

    @Benchmark
    public Plan plan() {
        return Planner.plan(scenario, PlannerOptions.defaults().withExplain(false));
    }

    public static void main(String[] args) throws RunnerException {
        String sizes = args.length > 0 ? args[0] : "0,1,2,3,4,5,6";
        new Runner(new OptionsBuilder().include(PlannerJmh.class.getName() + ".plan")
                .param("size", sizes.split(",")).build()).run();
    }
}
