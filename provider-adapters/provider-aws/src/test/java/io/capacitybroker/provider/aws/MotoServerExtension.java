package io.capacitybroker.provider.aws;

import java.net.URI;
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
    private static volatile MotoServer running;

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
                return MotoServer.start();
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
        running = (MotoServer) started;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (running == null) {
            throw new IllegalStateException("moto is not running");
        }
        running.reset();
    }
}
