package gproxy.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import gproxy.channel.Disposition;
import gproxy.channel.UpstreamRequest;
import io.helidon.http.Headers;

/**
 * What the attempt loop tells request logging about each physical upstream send of one request: the
 * failed ones as they fail (failover hops included), the answering one before its body is relayed.
 * Implementations must be cheap and must not throw: a capture failure never fails the request.
 */
@FunctionalInterface
public interface AttemptLog {
    AttemptLog NONE = attempt -> { };

    void sent(Sent attempt);

    /**
     * One send.
     *
     * @param number          1 for the first attempt of the request, 2 for the next, …
     * @param request         what went to the upstream (auth included: redact before keeping); empty when
     *                        the channel refused to prepare it
     * @param status          the upstream's status, 0 when no response arrived
     * @param responseHeaders the upstream's response headers, when it answered
     * @param errorBody       the error answer read whole (at most the loop's cap); empty for an answer
     * @param latency         from sending to the response head (or the failure)
     * @param answering       true for the 2xx whose body is relayed next
     */
    record Sent(int number, Candidate candidate, Optional<UpstreamRequest> request, int status,
                Optional<Headers> responseHeaders, byte[] errorBody, Duration latency, Disposition disposition,
                Optional<String> error, boolean answering) {
        public Sent {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(errorBody, "errorBody");
        }
    }
}
