package gproxy.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import gproxy.error.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Request bodies above the limit get 413: at once when {@code Content-Length} says so, otherwise as
 * soon as a chunked body crosses the limit while being read.
 */
final class BodyLimitFilter implements Filter {
    private final long maxBytes;

    BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(Long::parseLong).orElse(-1L);
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        req.streamFilter(in -> new Limited(in, maxBytes));
        chain.proceed();
    }

    static GatewayException tooLarge(long maxBytes) {
        return new GatewayException(413, "payload_too_large",
                "request body exceeds the limit of " + maxBytes + " bytes");
    }

    private static final class Limited extends FilterInputStream {
        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(max);
            }
        }
    }
}
