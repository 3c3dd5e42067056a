package io.capacitybroker.provider.aws;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code python3 -m moto.server} (the local EC2 fake) on a free 127.0.0.1 port, started and waited for
 * until it answers. Shared with other modules' tests through this module's test-jar.
 */
public final class MotoServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Clears every resource moto holds ({@code POST /moto-api/reset}). */
    public void reset() throws IOException, InterruptedException {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IOException("moto reset failed: HTTP " + r.statusCode());
        }
    }

    /** Starts moto and waits up to 30 s for it to answer; a JVM shutdown hook stops it if nobody closes it. */
    public static MotoServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        File log = File.createTempFile("moto-", ".log");
        log.deleteOnExit();
        Process p = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "moto-stop"));
        MotoServer moto = new MotoServer(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("moto exited with " + p.exitValue() + " (see " + log + ")");
            }
            try {
                moto.reset();
                return moto;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        moto.close();
        throw new IOException("moto did not answer within 30 s");
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
