package gproxy.channel;

import java.net.URI;
import java.util.Objects;
import java.util.stream.Collectors;

import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;

/**
 * One upstream call, ready for the transport: nothing in it depends on the client any more.
 *
 * @param headers   the complete outbound header set, auth included
 * @param body      the bytes to send; empty for GET
 * @param streaming whether the answer is a server-sent-event stream to relay event by event
 */
public record UpstreamRequest(Method method, URI uri, Headers headers, byte[] body, boolean streaming) {

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = WritableHeaders.create(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A copy each time, so a transport that adds its own headers leaves this value alone. */
    @Override
    public Headers headers() {
        return WritableHeaders.create(headers);
    }

    /** Header names only: values carry credentials. */
    @Override
    public String toString() {
        return "UpstreamRequest[" + method.text() + " " + uri + ", headers="
                + headers.stream().map(Header::name).collect(Collectors.joining(", ", "[", "]"))
                + ", body=" + body.length + " bytes, streaming=" + streaming + "]";
    }
}
