package gproxy.channel;

import gproxy.error.GatewayException;
import gproxy.protocol.OperationKey;

/**
 * A channel could not build an upstream request. The engine treats it as a reason to skip the
 * candidate (features §5.5: a prepare error is transient); the message names the field at fault and
 * never carries a secret.
 */
public final class ChannelException extends GatewayException {

    private ChannelException(String code, String message) {
        super(502, code, message);
    }

    /** The credential's secret JSON cannot be used; {@code problem} must not quote the secret. */
    public static ChannelException invalidCredential(String problem) {
        return new ChannelException("channel_credential_invalid", "credential secret: " + problem);
    }

    public static ChannelException invalidSettings(String field, String problem) {
        return new ChannelException("channel_settings_invalid", "provider settings: " + field + ": " + problem);
    }

    public static ChannelException invalidModel(String model, String problem) {
        return new ChannelException("channel_model_invalid", "model: \"" + model + "\" " + problem);
    }

    public static ChannelException unsupported(String channel, OperationKey key) {
        return new ChannelException("channel_unsupported_operation",
                "channel " + channel + " has no upstream endpoint for " + key);
    }
}
