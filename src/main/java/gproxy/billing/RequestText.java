package gproxy.billing;

import java.util.Set;

/**
 * The text of a request body for local counting: every string value except identifiers, enums and
 * binary payloads (image and file data, signatures, encrypted reasoning), in any dialect. An
 * approximation by design — it is what the ladder counts when the upstream reported nothing — but it
 * keeps base64 images from being billed as millions of text tokens.
 */
public final class RequestText {
    private static final Set<String> SKIP = Set.of(
            "model", "role", "type", "id", "tool_call_id", "tool_use_id", "call_id", "previous_response_id",
            "signature", "thoughtSignature", "encrypted_content", "data", "inlineData", "inline_data",
            "image_url", "file_data", "fileData", "file_id", "url", "mime_type", "mimeType", "media_type",
            "cache_control", "service_tier", "serviceTier", "speed", "reasoning_effort", "tool_choice",
            "response_format", "stream_options", "metadata", "user", "safety_identifier", "prompt_cache_key",
            "safetySettings", "stop_reason", "finish_reason", "format", "detail");

    private RequestText() {
    }

    public static String of(byte[] body) {
        StringBuilder text = new StringBuilder();
        TextFields.exclude(body, SKIP, s -> {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(s);
        });
        return text.toString();
    }
}
