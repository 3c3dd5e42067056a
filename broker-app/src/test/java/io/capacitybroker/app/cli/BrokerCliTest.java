package io.capacitybroker.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The offline planner command: exit codes, stdout and stderr, as the planning contract says. */
class BrokerCliTest {

    private static final Path TINY = Path.of("../scheduler/planner/src/test/resources/examples/tiny.json");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return BrokerCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void plansAScenarioFileOnStdout() {
        int code = run("", "plan", TINY.toString());
        assertThat(code).isZero();
        JsonNode plan = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(plan.path("schema").asString()).isEqualTo("capacity-broker/plan@1");
        assertThat(plan.path("summary").path("objective").asDouble()).isCloseTo(181.1631879388,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void readsTheScenarioFromStandardInput() throws Exception {
        assertThat(run(Files.readString(TINY), "plan", "-")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("capacity-broker/plan@1");
    }

    @Test
    void aBadScenarioExitsTwoAndNamesEachFieldByJsonPath(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(TINY).replaceFirst("\"replicas\": 7", "\"replicas\": -7")
                .replaceFirst("\"horizonHours\": 168", "\"horizonHours\": 0"));
        int code = run("", "plan", bad.toString());
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("$.workloads[0].replicas").contains("$.horizonHours");
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path dir) {
        assertThat(run("", "plan")).isEqualTo(2);
        assertThat(run("", "plan", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
        assertThat(run("", "plan", TINY.toString(), "--frobnicate")).isEqualTo(2);
        assertThat(run("", "plan", TINY.toString(), "--time-limit-ms", "soon")).isEqualTo(2);
        assertThat(run("{", "plan", "-")).isEqualTo(2);
    }

    @Test
    void onlyOfflineCommandsBypassTheServer() {
        assertThat(BrokerCli.handles(new String[] {"plan", "x.json"})).isTrue();
        assertThat(BrokerCli.handles(new String[] {"--server.port=9090"})).isFalse();
        assertThat(BrokerCli.handles(new String[0])).isFalse();
    }
}
