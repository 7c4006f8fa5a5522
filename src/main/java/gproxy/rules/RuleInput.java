package gproxy.rules;

import java.util.Locale;
import java.util.Optional;

import gproxy.protocol.OperationKey;
import io.helidon.http.Header;
import io.helidon.http.Headers;

/**
 * What rule filters look at for one attempt: the upstream operation and dialect, the upstream model
 * id, the name the client asked for, and the client's headers.
 */
public record RuleInput(OperationKey upstream, String upstreamModel, Optional<String> requestedModel,
                        Headers clientHeaders) {

    /** The inbound headers as lowercase {@code name: value} lines, as header filters see them. */
    String headerLines() {
        StringBuilder out = new StringBuilder();
        for (Header header : clientHeaders) {
            for (String value : header.allValues()) {
                out.append(header.name().toLowerCase(Locale.ROOT)).append(": ").append(value).append('\n');
            }
        }
        return out.toString();
    }
}
