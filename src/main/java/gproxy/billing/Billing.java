package gproxy.billing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import gproxy.protocol.OperationKey;

/**
 * What one answered upstream call is billed by, captured before its body is relayed, so settlement
 * never reads a snapshot that may have changed meanwhile.
 *
 * @param requestId        the gateway request id; the usage row's unique key
 * @param routeName        the route the caller named, when it named one
 * @param upstreamKey      the operation and dialect the upstream answered in (picks the usage extractor)
 * @param upstreamBody     the body sent upstream, for the counting ladder; not copied, not to be modified
 * @param latency          time from sending the request to the upstream's response headers
 * @param stripUsageChunk  whether to drop OpenAI's usage-only stream chunk, which the gateway asked for
 *                         and the client did not
 * @param countTokens      the answering provider's count-tokens call, bound to its credential, for the
 *                         ladder's upstream rung; {@link TokenCounter#NONE} when it has none
 */
public record Billing(String requestId, Optional<String> routeName, OperationKey upstreamKey, long providerId,
                      long credentialId, String upstreamModel, byte[] upstreamBody, Duration latency,
                      boolean stripUsageChunk, TokenCounter countTokens) {

    public Billing {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(routeName, "routeName");
        Objects.requireNonNull(upstreamKey, "upstreamKey");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(upstreamBody, "upstreamBody");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(countTokens, "countTokens");
    }
}
