package gproxy.channel;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

/**
 * A provider's {@code settings_json}, read field by field. Absent and blank values are the same;
 * a value of the wrong type is a {@link ChannelException} naming the key.
 */
public record ProviderSettings(JsonNode json) {
    public static final String BASE_URL = "base_url";
    public static final String ALLOWED_HEADERS = "allowed_headers";
    public static final String HEADERS = "headers";

    public ProviderSettings {
        json = json.isObject() ? json.deepCopy() : Json.object();
    }

    /** A copy: the settings of a snapshot are not changed through a channel. */
    @Override
    public JsonNode json() {
        return json.deepCopy();
    }

    public static ProviderSettings empty() {
        return new ProviderSettings(Json.object());
    }

    public static ProviderSettings parse(String settingsJson) {
        try {
            JsonNode node = Json.MAPPER.readTree(settingsJson);
            if (node == null || !node.isObject()) {
                throw ChannelException.invalidSettings("settings_json", "not a JSON object");
            }
            return new ProviderSettings(node);
        } catch (IOException e) {
            throw ChannelException.invalidSettings("settings_json", "not valid JSON");
        }
    }

    public Optional<String> text(String field) {
        JsonNode v = json.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ChannelException.invalidSettings(field, v.getNodeType().name().toLowerCase(Locale.ROOT)
                    + " (expected: a string)");
        }
        return Optional.of(v.asText().strip()).filter(s -> !s.isEmpty());
    }

    public List<String> stringList(String field) {
        JsonNode v = json.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ChannelException.invalidSettings(field, "expected: a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw ChannelException.invalidSettings(field, "expected: a list of strings");
            }
            String s = item.asText().strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@code base_url} when set, else the channel's default, without a trailing slash. Only absolute
     * http(s) URLs without query or fragment pass: the channel appends paths to it.
     */
    public String baseUrl(Optional<String> channelDefault) {
        Optional<String> configured = text(BASE_URL);
        String url = configured.or(() -> channelDefault).orElseThrow(
                () -> ChannelException.invalidSettings(BASE_URL, "required (this channel has no default)"));
        if (configured.isPresent()) {
            checkUrl(url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code allowed_headers}, lower-cased. */
    public List<String> allowedHeaders() {
        return stringList(ALLOWED_HEADERS).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code headers}: either {@code {"Name": "value"}} or {@code ["Name: value"]} (the console form). */
    public Map<String, String> staticHeaders() {
        JsonNode v = json.path(HEADERS);
        Map<String, String> out = new LinkedHashMap<>();
        if (v.isObject()) {
            v.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw ChannelException.invalidSettings(HEADERS + "." + e.getKey(), "expected: a string");
                }
                out.put(e.getKey().strip(), e.getValue().asText().strip());
            });
            return out;
        }
        for (String line : stringList(HEADERS)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                // the line is not quoted back: operators paste tokens into static headers
                throw ChannelException.invalidSettings(HEADERS, "an entry has no name (expected: \"Name: value\")");
            }
            out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return out;
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // fall through to the one message
        }
        throw ChannelException.invalidSettings(BASE_URL, "\"" + url
                + "\" (expected: an absolute http or https URL without query or fragment)");
    }
}
