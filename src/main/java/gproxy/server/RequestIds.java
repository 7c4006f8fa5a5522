package gproxy.server;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Request ids: {@code x-gproxy-request-id} on every response, joined to usage rows and logs. The
 * request-id filter assigns one per exchange and stores it in the request context; everything
 * downstream reads it with {@link #of(ServerRequest)}.
 */
public final class RequestIds {
    public static final HeaderName HEADER = HeaderNames.create("x-gproxy-request-id");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The value stored in the request context. */
    public record RequestId(String value) {
    }

    private RequestIds() {
    }

    /** The id of this exchange; assigns one if the filter did not run (tests routing a service alone). */
    public static String of(ServerRequest req) {
        return req.context().get(RequestId.class, RequestId.class)
                .map(RequestId::value)
                .orElseGet(() -> {
                    RequestId id = new RequestId(generate(0));
                    req.context().register(RequestId.class, id);
                    return id.value();
                });
    }

    /** {@code <instance>-<16 hex>}: unique across instances, short enough for logs. */
    public static String generate(long instanceId) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return instanceId + "-" + HexFormat.of().formatHex(bytes);
    }
}
