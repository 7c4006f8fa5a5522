package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.IntSupplier;

import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;

/**
 * The after-test check of the streaming tests: no exchange left in flight in the gateway, and no
 * upstream response still being written (an abandoned stream the gateway never hung up on).
 */
final class Leaks {
    private static final Duration WITHIN = Duration.ofSeconds(3);

    private Leaks() {
    }

    static void assertNoneInFlight(TestGateway gw, FakeUpstream... upstreams) {
        // The scrape is itself an exchange in flight while the gauge is read.
        assertThat(settles(() -> (int) gw.gauge("gproxy_in_flight_exchanges") - 1))
                .as("gateway exchanges still in flight").isZero();
        for (FakeUpstream upstream : upstreams) {
            assertThat(settles(upstream::responsesInProgress)).as("upstream responses still being written").isZero();
        }
    }

    /** Polls until {@code value} reads 0 or {@link #WITHIN} passed; the last reading. */
    private static int settles(IntSupplier value) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        int seen = value.getAsInt();
        while (seen != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
            seen = value.getAsInt();
        }
        return seen;
    }
}
