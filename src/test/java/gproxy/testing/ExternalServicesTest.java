package gproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalServicesTest {

    @Test
    void anOpenPortIsReachable() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExternalServices.require("Fake", "127.0.0.1", server.getLocalPort());
            assertThat(ExternalServices.reachable("127.0.0.1", server.getLocalPort())).isTrue();
        }
    }

    @Test
    void aClosedPortSkipsLocallyAndFailsUnderCi() {
        Class<? extends Throwable> expected = "true".equals(System.getenv("CI"))
                ? AssertionError.class : TestAbortedException.class;

        assertThatThrownBy(() -> ExternalServices.require("Fake", "127.0.0.1", 1))
                .isInstanceOf(expected).hasMessageContaining("Fake is not reachable on 127.0.0.1:1");
    }
}
