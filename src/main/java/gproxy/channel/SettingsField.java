package gproxy.channel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;

import gproxy.json.Json;

/**
 * One key of a provider's {@code settings_json} as the console form shows it.
 *
 * @param defaultValue the value used when the key is absent, as JSON of the control's type
 */
public record SettingsField(String name, Control control, boolean required, Optional<JsonNode> defaultValue,
                            String help) {

    public SettingsField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(control, "control");
        defaultValue = defaultValue.map(JsonNode::deepCopy);
        Objects.requireNonNull(help, "help");
    }

    @Override
    public Optional<JsonNode> defaultValue() {
        return defaultValue.map(JsonNode::deepCopy); // JsonNode is mutable; hand out copies
    }

    /** The console controls of v2 metadata. */
    public enum Control {
        TEXT, URL, BOOLEAN, INTEGER, STRING_LIST;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static SettingsField url(String name, boolean required, Optional<String> defaultValue, String help) {
        return new SettingsField(name, Control.URL, required, defaultValue.map(TextNode::valueOf), help);
    }

    public static SettingsField text(String name, boolean required, Optional<String> defaultValue, String help) {
        return new SettingsField(name, Control.TEXT, required, defaultValue.map(TextNode::valueOf), help);
    }

    public static SettingsField bool(String name, boolean defaultValue, String help) {
        return new SettingsField(name, Control.BOOLEAN, false, Optional.of(BooleanNode.valueOf(defaultValue)), help);
    }

    public static SettingsField stringList(String name, List<String> defaultValue, String help) {
        ArrayNode values = Json.MAPPER.createArrayNode();
        defaultValue.forEach(values::add);
        return new SettingsField(name, Control.STRING_LIST, false,
                defaultValue.isEmpty() ? Optional.empty() : Optional.of(values), help);
    }

    /** {@code base_url}, {@code allowed_headers} and {@code headers}: the keys every channel reads. */
    public static List<SettingsField> common(Optional<String> defaultBaseUrl) {
        return List.of(
                url(ProviderSettings.BASE_URL, defaultBaseUrl.isEmpty(), defaultBaseUrl,
                        "Upstream origin, optionally with a path prefix; the channel appends the native path."),
                stringList(ProviderSettings.ALLOWED_HEADERS, List.of(),
                        "Extra client request headers to forward. Auth, cookie and hop-by-hop headers never are."),
                stringList(ProviderSettings.HEADERS, List.of(),
                        "Static headers added to every upstream request, as \"Name: value\"."));
    }
}
