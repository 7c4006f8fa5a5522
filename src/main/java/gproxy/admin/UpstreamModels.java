package gproxy.admin;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.admin.UpstreamModelList.Model;
import gproxy.channel.Channel;
import gproxy.channel.ChannelRegistry;
import gproxy.channel.CredentialSecret;
import gproxy.channel.PrepareInput;
import gproxy.channel.ProviderSettings;
import gproxy.channel.UpstreamRequest;
import gproxy.error.GatewayException;
import gproxy.http1.ProxySpec;
import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.server.RequestIds;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;

/**
 * {@code GET /admin/providers/{pid}/upstream-models[?persist=true]}: the live model list of the
 * provider's upstream (features §5.7), fetched with its first enabled credential that has a secret
 * and normalised to {@code {"models":[{"id","display_name"?}],"upstream_status":N}}. With
 * {@code persist=true} newly seen ids are appended to {@code provider_models} in one config write
 * (never a delete), and {@code added} lists them.
 */
final class UpstreamModels {
    /** Anthropic pages at 20 and Gemini at 50 by default; both allow 1000 per page. */
    private static final Map<Kind, String> PAGE_SIZE = Map.of(Kind.CLAUDE, "limit=1000", Kind.GEMINI, "pageSize=1000");

    private final Store store;
    private final ConfigWriter writer;
    private final CredentialShape secrets;
    private final UpstreamCalls calls;

    UpstreamModels(Store store, ConfigWriter writer, CredentialShape secrets) {
        this(store, writer, secrets, Optional.empty());
    }

    UpstreamModels(Store store, ConfigWriter writer, CredentialShape secrets, Optional<ProxySpec> proxy) {
        this.calls = new UpstreamCalls(proxy);
        this.store = store;
        this.writer = writer;
        this.secrets = secrets;
    }

    /** What the upstream listed, and the status it answered with. */
    private record Pulled(int status, List<Model> models) {
    }

    Reply pull(Call call) {
        boolean persist = persist(call);
        long pid = call.id("pid");
        Row provider = store.find(Schema.PROVIDERS, pid).orElseThrow(() -> GatewayException.notFound("providers " + pid));
        Pulled pulled;
        try {
            pulled = fetch(provider);
        } catch (UpstreamException e) {
            return e.reply(RequestIds.of(call.req()));
        }
        ObjectNode out = Json.object();
        out.set("models", UpstreamModelList.json(pulled.models()));
        out.put("upstream_status", pulled.status());
        if (persist) {
            out.set("added", append(pid, pulled.models()));
        }
        return Reply.json(out);
    }

    private Pulled fetch(Row provider) {
        String channelId = provider.text("channel");
        Channel channel = ChannelRegistry.builtIns().find(channelId).orElseThrow(() -> new GatewayException(409,
                "channel_unknown", "provider " + provider.text("name") + " names channel " + Checks.quoted(channelId)
                        + ", which this build does not have"));
        ProviderSettings settings = ProviderSettings.parse(provider.optionalText("settings_json").orElse("{}"));
        Kind kind = listKind(channel, settings);
        CredentialSecret secret = CredentialSecret.of(secrets.open(credential(provider)));
        UpstreamRequest request = pageSize(channel.prepare(new PrepareInput(OperationKey.of(Operation.LIST_MODELS, kind),
                "", new byte[0], WritableHeaders.create(), settings, secret)), kind);
        UpstreamCalls.Answer answer = calls.send(request);
        if (answer.status() < 200 || answer.status() > 299) {
            throw new UpstreamException("upstream_error", "the upstream of provider " + provider.text("name")
                    + " answered " + answer.status() + " " + Status.create(answer.status()).reasonPhrase() + " to "
                    + request.method().text() + " " + UpstreamCalls.origin(request.uri()) + request.uri().getRawPath(),
                    answer.status());
        }
        return new Pulled(answer.status(), UpstreamModelList.parse(kind.family(), answer.body(), answer.status()));
    }

    /** The first enabled credential with a secret, in id order. */
    private Row credential(Row provider) {
        return store.list(Schema.CREDENTIALS, Query.where("provider_id", provider.requireId())).stream()
                .filter(c -> c.bool("enabled") && c.has(CredentialShape.SECRET)).findFirst()
                .orElseThrow(() -> new GatewayException(409, "no_credential", "provider " + provider.text("name")
                        + " has no enabled credential with a secret (expected: one, to call the upstream with)"));
    }

    /**
     * The family whose model list to ask for: the one of the channel's preferred native dialect
     * when its list passes through to the upstream, else the first family that does (custom with
     * Anthropic or Gemini dialects), else the preferred one anyway.
     */
    static Kind listKind(Channel channel, ProviderSettings settings) {
        Kind preferred = channel.metadata().nativeKinds().stream().findFirst().map(UpstreamModels::familyKind)
                .orElse(Kind.OPENAI);
        Map<OperationKey, RoutingDecision> rules = channel.defaultRoutingRules(settings);
        return Stream.of(preferred, Kind.OPENAI, Kind.CLAUDE, Kind.GEMINI)
                .filter(k -> rules.get(OperationKey.of(Operation.LIST_MODELS, k)) instanceof RoutingDecision.Passthrough)
                .findFirst().orElse(preferred);
    }

    private ArrayNode append(long pid, List<Model> models) {
        ArrayNode added = Json.MAPPER.createArrayNode();
        if (fresh(store.list(Schema.PROVIDER_MODELS, Query.where("provider_id", pid)), models).isEmpty()) {
            return added; // nothing new: no write, no revision, no reload
        }
        return writer.write(tx -> {
            for (Model m : fresh(tx.list(Schema.PROVIDER_MODELS, Query.where("provider_id", pid)), models)) {
                Map<String, Object> values = new LinkedHashMap<>(Map.of("provider_id", pid, "model_id", m.id()));
                m.displayName().ifPresent(name -> values.put("display_name", name));
                tx.save(Schema.PROVIDER_MODELS, new Row(values));
                added.add(m.id());
            }
            return added;
        });
    }

    private static List<Model> fresh(List<Row> stored, List<Model> models) {
        Set<String> known = new HashSet<>();
        stored.forEach(r -> known.add(r.text("model_id")));
        return models.stream().filter(m -> !known.contains(m.id())).toList();
    }

    private static UpstreamRequest pageSize(UpstreamRequest request, Kind kind) {
        String param = PAGE_SIZE.get(kind);
        URI uri = request.uri();
        if (param == null || uri.getRawQuery() != null) {
            return request;
        }
        return new UpstreamRequest(request.method(), URI.create(uri + "?" + param), request.headers(), request.body(),
                request.streaming());
    }

    private static boolean persist(Call call) {
        String value = call.query("persist").orElse("false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw GatewayException.invalid("persist", Checks.quoted(value) + " (expected: true or false)");
        };
    }

    private static Kind familyKind(Kind kind) {
        return switch (kind.family()) {
            case OPENAI -> Kind.OPENAI;
            case CLAUDE -> Kind.CLAUDE;
            case GEMINI -> Kind.GEMINI;
        };
    }
}
