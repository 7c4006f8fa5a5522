package gproxy.channel.gemini;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.channel.Auth;
import gproxy.channel.Channel;
import gproxy.channel.ChannelException;
import gproxy.channel.ChannelMetadata;
import gproxy.channel.Endpoint;
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
 * {@code https://generativelanguage.googleapis.com/v1beta/models/{model}:generateContent} and friends
 * with {@code x-goog-api-key}. OpenAI Chat Completions passes through to Google's OpenAI
 * compatibility layer ({@code /v1beta/openai/chat/completions}, Bearer key), as in v2's matrix; the
 * other dialects convert to native Gemini. Image generation is refused: the translation matrix has
 * images in OpenAI shape only (features §4.5).
 */
final class AiStudioChannel implements Channel {
    static final String ID = "aistudio";
    static final String BASE_URL = "https://generativelanguage.googleapis.com";
    static final String OPENAI_PREFIX = "/v1beta/openai";

    private static final ChannelMetadata METADATA = new ChannelMetadata(ID, "Google AI Studio (Gemini API)",
            ChannelMetadata.CredentialFamily.API_KEY, SettingsField.common(Optional.of(BASE_URL)),
            ChannelMetadata.apiKeyTemplate(), Optional.of(BASE_URL), List.of(Kind.GEMINI_GENERATE, Kind.OPENAI_CHAT));
    private static final Map<OperationKey, RoutingDecision> RULES = RoutingMatrix
            .nativeContent(List.of(Kind.GEMINI_GENERATE, Kind.OPENAI_CHAT))
            .models(Kind.GEMINI, Kind.OPENAI)
            .countTokens(Kind.GEMINI)
            .embeddings(Kind.GEMINI)
            .build();

    @Override
    public String id() {
        return ID;
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
        OperationKey key = in.key();
        String base = in.settings().baseUrl(Optional.of(BASE_URL));
        if (key.kind().family() == Kind.Family.OPENAI) {
            Endpoint endpoint = NativeEndpoints.openAi(key, in, OPENAI_PREFIX)
                    .orElseThrow(() -> ChannelException.unsupported(ID, key));
            return RequestAssembler.assemble(in, base, endpoint, Auth.BEARER);
        }
        Endpoint endpoint = NativeEndpoints.gemini(key, in, "/v1beta")
                .orElseThrow(() -> ChannelException.unsupported(ID, key));
        return RequestAssembler.assemble(in, base, endpoint, Auth.GOOGLE);
    }
}
