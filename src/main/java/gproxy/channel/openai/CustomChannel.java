package gproxy.channel.openai;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import gproxy.channel.Auth;
import gproxy.channel.Channel;
import gproxy.channel.ChannelException;
import gproxy.channel.ChannelMetadata;
import gproxy.channel.Endpoint;
import gproxy.channel.NativeEndpoints;
import gproxy.channel.PrepareInput;
import gproxy.channel.ProviderSettings;
import gproxy.channel.RequestAssembler;
import gproxy.channel.RoutingMatrix;
import gproxy.channel.SettingsField;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

/**
 * Any upstream at an operator-given {@code base_url} (required) that speaks the dialects listed in
 * {@code dialects} (default: OpenAI Chat Completions, the surface "OpenAI-compatible" almost always
 * means). Each request goes to its family's native path below the base URL ({@code /v1/...} for
 * OpenAI and Anthropic, {@code /v1beta/...} for Gemini) with that family's auth header.
 */
final class CustomChannel implements Channel {
    static final String ID = "custom";
    static final String DIALECTS = "dialects";
    static final List<Kind> DEFAULT_DIALECTS = List.of(Kind.OPENAI_CHAT);
    private static final List<Kind> CONTENT = List.of(Kind.OPENAI_CHAT, Kind.OPENAI_RESPONSES, Kind.CLAUDE_MESSAGES,
            Kind.GEMINI_GENERATE);

    private static final ChannelMetadata METADATA = new ChannelMetadata(ID, "Custom (any compatible endpoint)",
            ChannelMetadata.CredentialFamily.API_KEY, fields(), ChannelMetadata.apiKeyTemplate(), Optional.empty(),
            DEFAULT_DIALECTS);
    private static final Map<OperationKey, RoutingDecision> DEFAULT_RULES = matrix(DEFAULT_DIALECTS);

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
        return DEFAULT_RULES;
    }

    @Override
    public Map<OperationKey, RoutingDecision> defaultRoutingRules(ProviderSettings settings) {
        return matrix(dialects(settings));
    }

    @Override
    public UpstreamRequest prepare(PrepareInput in) {
        OperationKey key = in.key();
        String base = in.settings().baseUrl(Optional.empty());
        Optional<Endpoint> endpoint = switch (key.kind().family()) {
            case OPENAI -> NativeEndpoints.openAi(key, in, "/v1");
            case CLAUDE -> NativeEndpoints.claude(key, in, "/v1");
            case GEMINI -> NativeEndpoints.gemini(key, in, "/v1beta");
        };
        Auth auth = switch (key.kind().family()) {
            case OPENAI -> Auth.BEARER;
            case CLAUDE -> Auth.ANTHROPIC;
            case GEMINI -> Auth.GOOGLE;
        };
        return RequestAssembler.assemble(in, base,
                endpoint.orElseThrow(() -> ChannelException.unsupported(ID, key)), auth);
    }

    /** The declared dialects, in the operator's order of preference. */
    static List<Kind> dialects(ProviderSettings settings) {
        List<String> ids = settings.stringList(DIALECTS);
        if (ids.isEmpty()) {
            return DEFAULT_DIALECTS;
        }
        Set<Kind> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.add(Kind.of(id).filter(CONTENT::contains).orElseThrow(() -> ChannelException.invalidSettings(
                    DIALECTS, "\"" + id + "\" (expected: one of "
                            + CONTENT.stream().map(Kind::id).collect(Collectors.joining(", ")) + ")")));
        }
        return List.copyOf(out);
    }

    /**
     * Model lists pass through for every declared family; token counts only for Anthropic and Gemini
     * (OpenAI-compatible servers rarely have {@code input_tokens}); embeddings and images follow the
     * OpenAI family.
     */
    private static Map<OperationKey, RoutingDecision> matrix(List<Kind> dialects) {
        List<Kind> families = dialects.stream().map(CustomChannel::familyKind).distinct().toList();
        boolean openAi = families.contains(Kind.OPENAI);
        return RoutingMatrix.nativeContent(dialects)
                .models(families.toArray(Kind[]::new))
                .countTokens(families.stream().filter(k -> k != Kind.OPENAI).toArray(Kind[]::new))
                .embeddings(openAi ? new Kind[] {Kind.OPENAI} : new Kind[0])
                .images(openAi ? RoutingDecision.PASSTHROUGH : RoutingDecision.UNSUPPORTED)
                .build();
    }

    private static Kind familyKind(Kind content) {
        return switch (content.family()) {
            case OPENAI -> Kind.OPENAI;
            case CLAUDE -> Kind.CLAUDE;
            case GEMINI -> Kind.GEMINI;
        };
    }

    private static List<SettingsField> fields() {
        Stream<SettingsField> dialects = Stream.of(SettingsField.stringList(DIALECTS,
                DEFAULT_DIALECTS.stream().map(Kind::id).toList(),
                "Dialects the upstream speaks natively, preferred first: "
                        + CONTENT.stream().map(Kind::id).collect(Collectors.joining(", "))
                        + ". Other dialects are converted to the first."));
        return Stream.concat(SettingsField.common(Optional.empty()).stream(), dialects).toList();
    }
}
