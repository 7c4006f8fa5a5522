package gproxy.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Golden inputs under {@code src/test/resources/fixtures/}. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
