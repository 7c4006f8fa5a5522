package gproxy.channel;

import java.util.Objects;

import gproxy.protocol.OperationKey;
import io.helidon.http.Headers;

/**
 * Everything {@link Channel#prepare} needs for one attempt.
 *
 * @param key           the upstream operation and dialect, after routing and translation
 * @param model         the upstream model id; empty for operations that name none (model lists)
 * @param body          the request body, already in {@code key}'s dialect; not copied, must not be
 *                      changed afterwards (bodies move, they are not duplicated per attempt)
 * @param clientHeaders the client's request headers; only an allow-list of them is forwarded
 * @param settings      the provider's {@code settings_json}
 * @param secret        the credential's opened secret
 */
public record PrepareInput(OperationKey key,
                           String model,
                           byte[] body,
                           Headers clientHeaders,
                           ProviderSettings settings,
                           CredentialSecret secret) {

    public PrepareInput {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(clientHeaders, "clientHeaders");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(secret, "secret");
    }

    /** The model, or a {@link ChannelException} when the operation needs one and it is blank. */
    public String requireModel() {
        if (model.isBlank()) {
            throw ChannelException.invalidModel(model, "is blank (expected: a model id for " + key + ")");
        }
        return model.strip();
    }

    @Override
    public String toString() {
        return "PrepareInput[key=" + key + ", model=" + model + ", body=" + body.length + " bytes]";
    }
}
