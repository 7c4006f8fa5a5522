package gproxy.channel;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import gproxy.protocol.Kind;

/**
 * A channel's catalogue entry (features §2.4 {@code ChannelMetadata}): what the console needs to draw
 * the provider and credential forms without knowing the channel.
 *
 * @param secretTemplate the credential secret's JSON shape with empty values, e.g. {@code {"api_key":""}}
 * @param nativeKinds    the content dialects the upstream speaks without conversion, preferred first
 */
public record ChannelMetadata(String id,
                              String displayName,
                              CredentialFamily credentialFamily,
                              List<SettingsField> settingsFields,
                              Map<String, String> secretTemplate,
                              Optional<String> defaultBaseUrl,
                              List<Kind> nativeKinds) {

    public ChannelMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(credentialFamily, "credentialFamily");
        settingsFields = List.copyOf(settingsFields);
        secretTemplate = Map.copyOf(secretTemplate);
        Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
        nativeKinds = List.copyOf(nativeKinds);
    }

    /** The secret template of every API-key channel. */
    public static Map<String, String> apiKeyTemplate() {
        return Map.of(CredentialSecret.API_KEY, "");
    }

    /** How a credential of the channel is obtained; the console picks the credential form by it. */
    public enum CredentialFamily {
        API_KEY("api_key");

        private final String id;

        CredentialFamily(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
