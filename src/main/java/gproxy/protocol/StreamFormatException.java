package gproxy.protocol;

import java.io.IOException;

/**
 * A streamed body that cannot be framed: an event or element over the size limit, or a JSON-array
 * stream that is not an array. An {@link IOException} because it ends the stream exactly as a broken
 * connection does; the relay settles it the same way.
 */
public final class StreamFormatException extends IOException {
    public StreamFormatException(String message) {
        super(message);
    }
}
