package gproxy.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

/**
 * The project's ground rule for tests that need a real service (PostgreSQL, MariaDB, Redis, …) on
 * its standard local port: when the port does not answer, the test is skipped on a developer's
 * machine but fails under {@code CI=true}, where a missing service is a broken set-up, never a
 * reason to pass.
 */
public final class ExternalServices {
    private static final int CONNECT_TIMEOUT_MS = 500;

    private ExternalServices() {
    }

    /** Call first in a test or {@code @BeforeAll}: skips (locally) or fails (CI) when the service is down. */
    public static void require(String service, String host, int port) {
        if (reachable(host, port)) {
            return;
        }
        missing(service + " is not reachable on " + host + ":" + port
                + " (expected: the service running locally; .ci/run starts it)");
    }

    /**
     * For a tool rather than a port (node, npm, chromium): call when the tool is absent or unusable;
     * skips locally, fails under CI. Never returns.
     */
    public static void missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + "; CI=true, so this fails instead of skipping");
        }
        Assumptions.abort(message + "; skipped because CI is not true");
    }

    public static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
