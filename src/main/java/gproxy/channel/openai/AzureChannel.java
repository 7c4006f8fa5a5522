package gproxy.channel.openai;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import gproxy.channel.Auth;
import gproxy.channel.Channel;
import gproxy.channel.ChannelException;
import gproxy.channel.ChannelMetadata;
import gproxy.channel.Endpoint;
import gproxy.channel.PrepareInput;
import gproxy.channel.ProviderSettings;
import gproxy.channel.RequestAssembler;
import gproxy.channel.RoutingMatrix;
import gproxy.channel.SettingsField;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

/**
 * Azure OpenAI on its deployment-scoped data plane:
 * {@code {origin}/openai/deployments/{deployment}/chat/completions?api-version=...} with the key in
 * {@code api-key}. The origin is {@code base_url}, or {@code https://{resource}.openai.azure.com};
 * the deployment is the {@code deployment} setting or, by default, the upstream model name (the
 * usual practice of naming deployments after their model). Models are listed locally: a resource's
 * model directory says nothing about which deployments exist.
 */
final class AzureChannel implements Channel {
    static final String ID = "azure";
    /** The latest GA data-plane inference version (Azure OpenAI REST reference). */
    static final String DEFAULT_API_VERSION = "2024-10-21";
    static final String RESOURCE = "resource";
    static final String DEPLOYMENT = "deployment";
    static final String API_VERSION = "api_version";

    private static final ChannelMetadata METADATA = new ChannelMetadata(ID, "Azure OpenAI",
            ChannelMetadata.CredentialFamily.API_KEY, fields(), ChannelMetadata.apiKeyTemplate(), Optional.empty(),
            List.of(Kind.OPENAI_CHAT));
    private static final Map<OperationKey, RoutingDecision> RULES = RoutingMatrix
            .nativeContent(List.of(Kind.OPENAI_CHAT))
            .embeddings(Kind.OPENAI)
            .images(RoutingDecision.PASSTHROUGH)
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
        ProviderSettings s = in.settings();
        String method = method(in.key()).orElseThrow(() -> ChannelException.unsupported(ID, in.key()));
        Optional<String> resourceOrigin = s.text(RESOURCE)
                .map(r -> "https://" + segment(RESOURCE, r) + ".openai.azure.com");
        if (s.text(ProviderSettings.BASE_URL).isEmpty() && resourceOrigin.isEmpty()) {
            throw ChannelException.invalidSettings(ProviderSettings.BASE_URL,
                    "required unless \"resource\" names the Azure OpenAI resource");
        }
        String origin = s.baseUrl(resourceOrigin);
        String deployment = segment(DEPLOYMENT, s.text(DEPLOYMENT).orElseGet(in::requireModel));
        String version = segment(API_VERSION, s.text(API_VERSION).orElse(DEFAULT_API_VERSION));
        Endpoint endpoint = Endpoint.post("/openai/deployments/" + deployment + method + "?api-version=" + version);
        return RequestAssembler.assemble(in, origin, endpoint, Auth.AZURE);
    }

    private static Optional<String> method(OperationKey key) {
        Operation op = key.operation();
        if (key.kind() == Kind.OPENAI_CHAT && (op == Operation.GENERATE_CONTENT || op.streaming())) {
            return Optional.of("/chat/completions");
        }
        if (key.kind() != Kind.OPENAI) {
            return Optional.empty();
        }
        return switch (op) {
            case CREATE_EMBEDDING -> Optional.of("/embeddings");
            case CREATE_IMAGE -> Optional.of("/images/generations");
            default -> Optional.empty();
        };
    }

    /**
     * A value that becomes a host label, a path segment or a query value. A wrong one is a
     * configuration mistake, not something to percent-encode into a URL for some other resource.
     */
    private static String segment(String field, String value) {
        if (!value.chars().allMatch(AzureChannel::segmentChar)) {
            String hint = field.equals(DEPLOYMENT) ? "; without a deployment setting the model name is used" : "";
            throw ChannelException.invalidSettings(field, "\"" + value
                    + "\" (expected: letters, digits, '-', '_' and '.'" + hint + ")");
        }
        return value;
    }

    private static boolean segmentChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
    }

    private static List<SettingsField> fields() {
        SettingsField baseUrl = SettingsField.url(ProviderSettings.BASE_URL, false, Optional.empty(),
                "The resource endpoint, e.g. https://my-resource.openai.azure.com; or set resource instead.");
        Stream<SettingsField> common = SettingsField.common(Optional.empty()).stream()
                .map(f -> f.name().equals(ProviderSettings.BASE_URL) ? baseUrl : f);
        Stream<SettingsField> azure = Stream.of(
                SettingsField.text(RESOURCE, false, Optional.empty(),
                        "Azure OpenAI resource name: the origin becomes https://{resource}.openai.azure.com."),
                SettingsField.text(DEPLOYMENT, false, Optional.empty(),
                        "Deployment name; by default the upstream model name."),
                SettingsField.text(API_VERSION, false, Optional.of(DEFAULT_API_VERSION),
                        "The api-version query parameter."));
        return Stream.concat(common, azure).toList();
    }
}
