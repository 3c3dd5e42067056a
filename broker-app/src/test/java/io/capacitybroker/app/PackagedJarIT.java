package io.capacitybroker.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.testkit.postgres.PostgresTest;
import io.capacitybroker.testkit.postgres.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaged jar, run as a user runs it: the offline planner command and the server. */
@PostgresTest
class PackagedJarIT {

    private static final Path TINY = Path.of("../scheduler/planner/src/test/resources/examples/tiny.json").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path jar() {
        Path jar = Path.of(System.getProperty("broker.jar", "target/capacity-broker.jar"));
        assertThat(jar).as("the packaged broker jar").exists();
        return jar;
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Path dir, String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(java(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("command finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void planCommandPrintsThePlanWithoutStartingAServer(@TempDir Path dir) throws Exception {
        Result r = run(dir, "plan", TINY.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode plan = JSON.readTree(r.out());
        assertThat(plan.path("schema").asString()).isEqualTo("capacity-broker/plan@1");
        assertThat(r.out() + r.err()).doesNotContain("Tomcat").doesNotContain("Started CapacityBrokerApplication");
    }

    @Test
    void planCommandRejectsABadScenarioWithExitTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(TINY).replace("\"market\": \"spot\"", "\"market\": \"reserved\""));
        Result r = run(dir, "plan", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("$.offers[2].market");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void serverStartsServesHealthOffersAndTheDashboard(@TempDir Path dir) throws Exception {
        TestPostgres.TestDatabase db = TestPostgres.database();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("broker.log");
        Process p = new ProcessBuilder(java("--server.port=" + port, "--broker.database.mode=external",
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                "--broker.simulated.regions=eu-west-1,europe-west1,westeurope"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            JsonNode offers = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
            while (Instant.now().isBefore(deadline) && p.isAlive()) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/offers?size=5")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        offers = JSON.readTree(r.body());
                        if (offers.path("totalItems").asLong() > 0) {
                            break;
                        }
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(500);
            }
            assertThat(offers).as(() -> "offers listed; broker log:\n" + tail(log)).isNotNull();
            assertThat(offers.path("totalItems").asLong()).as(() -> tail(log)).isPositive();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
            HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(root.body()).contains("<div id=\"root\"></div>");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
