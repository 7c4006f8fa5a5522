package gproxy.channel.openai;

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
import gproxy.channel.openai.Preset.Capability;
import gproxy.protocol.Kind;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

/**
 * An OpenAI-compatible upstream described by a {@link Preset}. {@link #prepare} builds any OpenAI
 * method under the preset's prefix (and Messages where the preset has a Claude surface): which keys
 * are sent is the routing rules' decision, which an operator may widen beyond the declared defaults.
 */
final class PresetChannel implements Channel {
    private final Preset preset;
    private final ChannelMetadata metadata;
    private final Map<OperationKey, RoutingDecision> rules;

    PresetChannel(Preset preset) {
        this.preset = preset;
        Optional<String> base = Optional.of(preset.baseUrl());
        this.metadata = new ChannelMetadata(preset.id(), preset.displayName(), ChannelMetadata.CredentialFamily.API_KEY,
                SettingsField.common(base), ChannelMetadata.apiKeyTemplate(), base, preset.natives());
        this.rules = RoutingMatrix.nativeContent(preset.natives())
                .models(served(Capability.MODELS))
                .countTokens(served(Capability.COUNT_TOKENS))
                .embeddings(served(Capability.EMBEDDINGS))
                .images(preset.has(Capability.IMAGES) ? RoutingDecision.PASSTHROUGH : RoutingDecision.UNSUPPORTED)
                .build();
    }

    @Override
    public String id() {
        return preset.id();
    }

    @Override
    public ChannelMetadata metadata() {
        return metadata;
    }

    @Override
    public Map<OperationKey, RoutingDecision> defaultRoutingRules() {
        return rules;
    }

    @Override
    public UpstreamRequest prepare(PrepareInput in) {
        OperationKey key = in.key();
        String base = in.settings().baseUrl(Optional.of(preset.baseUrl()));
        if (key.kind().family() == Kind.Family.CLAUDE) {
            Endpoint endpoint = preset.claudePrefix().flatMap(p -> NativeEndpoints.claude(key, in, p))
                    .orElseThrow(() -> ChannelException.unsupported(id(), key));
            return RequestAssembler.assemble(in, base, endpoint, Auth.ANTHROPIC);
        }
        Endpoint endpoint = NativeEndpoints.openAi(key, in, preset.openAiPrefix())
                .orElseThrow(() -> ChannelException.unsupported(id(), key));
        return RequestAssembler.assemble(in, base, endpoint, Auth.BEARER);
    }

    private Kind[] served(Capability capability) {
        return preset.has(capability) ? new Kind[] {Kind.OPENAI} : new Kind[0];
    }
}
