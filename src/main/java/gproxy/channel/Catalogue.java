package gproxy.channel;

import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

/**
 * The runtime channel catalogue as JSON (v2 {@code GET /admin/channels}): metadata for the console's
 * generic forms, and the declared routing defaults in {@code routing_rules} row shape so the console
 * can show what a reset would write.
 */
final class Catalogue {

    private Catalogue() {
    }

    static ArrayNode of(List<Channel> channels) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        channels.forEach(c -> out.add(entry(c)));
        return out;
    }

    private static ObjectNode entry(Channel channel) {
        ChannelMetadata m = channel.metadata();
        ObjectNode e = Json.object();
        e.put("id", m.id());
        e.put("display_name", m.displayName());
        e.put("source", "builtin");
        ArrayNode aliases = e.putArray("aliases");
        channel.aliases().forEach(aliases::add);
        e.put("credential_family", m.credentialFamily().id());
        m.defaultBaseUrl().ifPresentOrElse(u -> e.put("default_base_url", u), () -> e.putNull("default_base_url"));
        ObjectNode template = e.putObject("secret_template");
        new TreeMap<>(m.secretTemplate()).forEach(template::put);
        ArrayNode kinds = e.putArray("endpoint_kinds");
        m.nativeKinds().stream().map(Kind::id).forEach(kinds::add);
        ArrayNode fields = e.putArray("settings_fields");
        m.settingsFields().forEach(f -> fields.add(field(f)));
        ArrayNode rules = e.putArray("routing_defaults");
        channel.defaultRoutingRules().forEach((key, decision) -> rules.add(rule(key, decision)));
        return e;
    }

    private static ObjectNode field(SettingsField f) {
        ObjectNode o = Json.object();
        o.put("name", f.name());
        o.put("control", f.control().id());
        o.put("required", f.required());
        f.defaultValue().ifPresentOrElse(v -> o.set("default", v), () -> o.putNull("default"));
        o.put("help", f.help());
        return o;
    }

    private static ObjectNode rule(OperationKey key, RoutingDecision decision) {
        ObjectNode o = Json.object();
        o.put("operation", key.operation().id());
        o.put("kind", key.kind().id());
        o.put("implementation", decision.implementation());
        if (decision instanceof RoutingDecision.TransformTo t) {
            o.put("dest_operation", t.destination().operation().id());
            o.put("dest_kind", t.destination().kind().id());
        }
        return o;
    }
}
