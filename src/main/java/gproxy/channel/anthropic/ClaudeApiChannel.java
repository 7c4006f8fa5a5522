package gproxy.channel.anthropic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.channel.Auth;
import gproxy.channel.Channel;
import gproxy.channel.ChannelException;
import gproxy.channel.ChannelMetadata;
import gproxy.channel.NativeEndpoints;
import gproxy.channel.PrepareInput;
import gproxy.channel.RequestAssembler;
import gproxy.channel.RoutingMatrix;
import gproxy.channel.SettingsField;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

/**
 * {@code https://api.anthropic.com/v1/...} with {@code x-api-key}; {@code anthropic-version} is
 * {@value Auth#ANTHROPIC_VERSION} unless the client chose one, and the client's {@code anthropic-beta}
 * passes. Every other dialect converts to Messages: Anthropic's OpenAI-compatibility endpoint is
 * documented as a testing aid that drops prompt caching and other Messages features, so it is not
 * used as a passthrough target (v2 declared it but sent the body to {@code /v1/messages}).
 */
final class ClaudeApiChannel implements Channel {
    static final String ID = "claudeapi";
    static final String ALIAS = "anthropic";
    static final String BASE_URL = "https://api.anthropic.com";

    private static final ChannelMetadata METADATA = new ChannelMetadata(ID, "Anthropic (Claude API)",
            ChannelMetadata.CredentialFamily.API_KEY, SettingsField.common(Optional.of(BASE_URL)),
            ChannelMetadata.apiKeyTemplate(), Optional.of(BASE_URL), List.of(Kind.CLAUDE_MESSAGES));
    private static final Map<OperationKey, RoutingDecision> RULES = RoutingMatrix
            .nativeContent(List.of(Kind.CLAUDE_MESSAGES))
            .models(Kind.CLAUDE)
            .countTokens(Kind.CLAUDE)
            .build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> aliases() {
        return List.of(ALIAS);
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public Map<OperationKey, RoutingDecision> defaultRoutingRules() {
        return RULES;
    }

    @Override
    public UpstreamRequest prepare(PrepareInput in) {
        String base = in.settings().baseUrl(Optional.of(BASE_URL));
        return RequestAssembler.assemble(in, base, NativeEndpoints.claude(in.key(), in, "/v1")
                .orElseThrow(() -> ChannelException.unsupported(ID, in.key())), Auth.ANTHROPIC);
    }
}
