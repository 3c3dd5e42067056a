package io.capacitybroker.testkit.postgres;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Decides, before any Spring context or test runs, whether a real PostgreSQL is there. Without one,
 * the test class fails when {@code CI=true} (CI must never pass by skipping) and is skipped otherwise.
 */
public class PostgresExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (TestPostgres.isAvailable()) {
            TestPostgres.database();
            return;
        }
        String why = "no PostgreSQL for integration tests (" + TestPostgres.unavailableReason() + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + "; CI=true, so this is a failure, not a skip");
        }
        throw new TestAbortedException(why);
    }
}
