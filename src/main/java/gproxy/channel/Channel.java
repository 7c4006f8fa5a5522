package gproxy.channel;

import java.util.List;
import java.util.Map;

import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import io.helidon.http.Headers;

/**
 * One upstream provider surface (features §2.4): what it is, which operations it serves and how,
 * how to address it, and how to read its answers. Implementations are stateless and thread-safe;
 * everything per provider arrives in {@link PrepareInput}.
 */
public interface Channel {

    /** The registry id stored in {@code providers.channel}. */
    String id();

    /** Other ids that name this channel (an older spelling kept so old configurations load). */
    default List<String> aliases() {
        return List.of();
    }

    ChannelMetadata metadata();

    /**
     * The channel's declared matrix: seeded as {@code routing_rules} rows at provider creation and
     * by a reset. Covers every cell of {@link RoutingMatrix#cells()}.
     */
    Map<OperationKey, RoutingDecision> defaultRoutingRules();

    /** The matrix for one provider; only channels whose dialects are configured (custom) differ. */
    default Map<OperationKey, RoutingDecision> defaultRoutingRules(ProviderSettings settings) {
        return defaultRoutingRules();
    }

    /**
     * Builds the upstream call for an upstream key (after routing) whose body is already in that
     * key's dialect.
     *
     * @throws ChannelException when the settings, the secret or the key cannot make a request; the
     *                          caller skips the candidate
     */
    UpstreamRequest prepare(PrepareInput input);

    /** {@link #classify(int, Headers, String)} without the error body. */
    default Disposition classify(int status, Headers headers) {
        return classify(status, headers, "");
    }

    /**
     * What an upstream answer means for failover (features §5.5). The error body, when the caller
     * read one, only refines a 403 (reference §5.4); transport errors never get here.
     */
    default Disposition classify(int status, Headers headers, String errorBody) {
        return Disposition.of(status, headers, errorBody);
    }
}
