package gproxy.server;

import gproxy.billing.StreamOptions;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.PeekedBody;

/**
 * OpenAI Chat streams report usage only when asked ({@code stream_options.include_usage}): the
 * gateway always asks, so settlement bills what the upstream counted, and drops the usage-only chunk
 * again for a client that did not ask for it.
 */
final class UsageRequest {
    private UsageRequest() {
    }

    static PeekedBody upstreamBody(OperationKey key, PeekedBody body) {
        return chatStream(key) ? StreamOptions.ensureIncludeUsage(body) : body;
    }

    static boolean strip(OperationKey key, PeekedBody body) {
        return chatStream(key) && !StreamOptions.clientAskedForUsage(body);
    }

    private static boolean chatStream(OperationKey key) {
        return key.kind() == Kind.OPENAI_CHAT && key.operation() == Operation.STREAM_GENERATE_CONTENT;
    }
}
