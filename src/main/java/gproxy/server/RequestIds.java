package gproxy.server;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

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
    private static final long SEQUENCE_MASK = (1L << 40) - 1;
    /** Starts at random so that two runs of a process share no ids even when the clock stepped back. */
    private static final AtomicLong SEQUENCE = new AtomicLong(new SecureRandom().nextLong() & SEQUENCE_MASK);

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

    /**
     * {@code <instance>-<21 hex>}: unique across instances, short enough for logs, and ordered by
     * time — 11 hex digits of the millisecond clock, then 10 of a 40-bit sequence. Time-ordered ids
     * land at the right edge of the usage tables' unique request-id indexes; random ones put every
     * row of a usage batch on an index page of its own, and each such page was written out again.
     * The sequence never repeats within a process (2^40 ids), so neither does an id, even when the
     * clock steps back; it starts at random, so a restart with the clock stepped back repeats an
     * id of the last run at odds of about 2^-40 per id.
     */
    public static String generate(long instanceId) {
        long sequence = SEQUENCE.getAndIncrement() & SEQUENCE_MASK;
        return instanceId + "-" + hex(System.currentTimeMillis(), 11) + hex(sequence, 10);
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        if (text.length() >= digits) {
            return text.substring(text.length() - digits);
        }
        return "0".repeat(digits - text.length()) + text;
    }
}
