package io.capacitybroker.provider.aws;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@code python3 -m moto.server} on a free 127.0.0.1 port once per test run (shared by every test
 * class that uses it, stopped when the run ends), waits until it answers, and resets its state before
 * each test ({@code POST /moto-api/reset}). When moto cannot start, the tests fail if {@code CI=true}
 * and are skipped otherwise.
 */
public final class MotoServerExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MotoServerExtension.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The running server (one per JVM). */
    static final class Moto implements AutoCloseable {
        private final Process process;
        final int port;

        Moto(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + port);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static volatile Moto running;

    /** The endpoint of the shared moto server (valid inside tests using this extension). */
    static URI endpoint() {
        if (running == null) {
            throw new IllegalStateException("moto is not running: annotate the test with @ExtendWith(MotoServerExtension.class)");
        }
        return running.endpoint();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NS);
        Object started = root.getOrComputeIfAbsent("moto", k -> {
            try {
                return start();
            } catch (Exception e) {
                return e;
            }
        });
        if (started instanceof Exception e) {
            String why = "moto server could not start: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why, e);
            }
            Assumptions.abort(why);
        }
        running = (Moto) started;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moto reset failed: HTTP " + r.statusCode());
        }
    }

    private static Moto start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        File log = File.createTempFile("moto-", ".log");
        log.deleteOnExit();
        Process p = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log).start();
        Moto moto = new Moto(p, port);
        // the root store closes AutoCloseable values at the end of the run; the hook covers aborted runs
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "moto-stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("moto exited with " + p.exitValue() + " (see " + log + ")");
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return moto;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        moto.close();
        throw new IOException("moto did not answer within 30 s");
    }
}
