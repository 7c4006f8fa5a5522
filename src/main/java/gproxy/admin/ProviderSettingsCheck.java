package gproxy.admin;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import gproxy.channel.ChannelException;
import gproxy.channel.ProviderSettings;
import gproxy.error.GatewayException;

/**
 * Refuses, when a provider is saved, the {@code settings_json} keys every channel reads that the
 * data plane would refuse at request time ({@code base_url}, {@code allowed_headers},
 * {@code headers}), naming the key as the field ({@code settings_json.base_url}) so the console
 * shows the message next to it. A missing {@code base_url} is left to the channel (custom's dialect
 * check reports first); only stored settings that the update changes are checked, so an old row
 * can still be disabled.
 */
final class ProviderSettingsCheck {
    private static final String COLUMN = "settings_json";
    /** Stands in for the channel default: the check is of the configured value, not its presence. */
    private static final Optional<String> ANY_DEFAULT = Optional.of("http://default.invalid");

    private ProviderSettingsCheck() {
    }

    static Validator settings() {
        return (row, existing, tx) -> row.optionalText(COLUMN).ifPresent(json -> {
            if (existing.isPresent() && Objects.equals(existing.get().optionalText(COLUMN), Optional.of(json))) {
                return;
            }
            ProviderSettings settings = ProviderSettings.parse(json);
            check(ProviderSettings.BASE_URL, () -> settings.baseUrl(ANY_DEFAULT));
            check(ProviderSettings.ALLOWED_HEADERS, settings::allowedHeaders);
            check(ProviderSettings.HEADERS, settings::staticHeaders);
        });
    }

    private static void check(String key, Supplier<?> read) {
        try {
            read.get();
        } catch (ChannelException e) {
            String prefix = "provider settings: " + key + ": ";
            String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw GatewayException.invalid(COLUMN + "." + key, message);
        }
    }
}
