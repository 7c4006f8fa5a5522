package gproxy.translate.responsesgemini;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opaque reasoning state carried across the two dialects, in the field each client echoes back.
 * A Gemini {@code thoughtSignature} on a thought or text part rides in a Responses reasoning item's
 * {@code encrypted_content} as {@code gproxy-gs:<signature>}; an OpenAI reasoning item's
 * {@code encrypted_content} rides in a Gemini thought part's {@code thoughtSignature} as the base64 of
 * {@code gproxy-rs:<encrypted_content>} (Gemini SDKs decode signatures as base64 bytes, so it must
 * be base64). Anything else in those fields is someone else's and is not sent to the other vendor.
 */
final class Signatures {
    static final String SKIP_VALIDATOR = "skip_thought_signature_validator";
    private static final String GEMINI = "gproxy-gs:";
    private static final String OPENAI = "gproxy-rs:";
    private static final Pattern UNCHECKED = Pattern.compile("(^|/)gemini-[12](\\.|-|$).*");

    private Signatures() {
    }

    static String encryptedContent(String geminiSignature) {
        return GEMINI + geminiSignature;
    }

    static Optional<String> geminiSignature(String encryptedContent) {
        return encryptedContent.startsWith(GEMINI) && encryptedContent.length() > GEMINI.length()
                ? Optional.of(encryptedContent.substring(GEMINI.length())) : Optional.empty();
    }

    static String thoughtSignature(String openAiEncryptedContent) {
        return Base64.getEncoder().encodeToString((OPENAI + openAiEncryptedContent).getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> openAiEncryptedContent(String thoughtSignature) {
        try {
            String decoded = new String(Base64.getDecoder().decode(thoughtSignature), StandardCharsets.UTF_8);
            return decoded.startsWith(OPENAI) ? Optional.of(decoded.substring(OPENAI.length())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // Gemini's own signature, or noise
        }
    }

    /**
     * Gemini 3 rejects a replayed function call without a signature; for a call that did not come
     * from Gemini through us, Google documents this placeholder. Gemini 1.x and 2.x check nothing.
     */
    static Optional<String> placeholder(String upstreamModel) {
        return UNCHECKED.matcher(upstreamModel).matches() ? Optional.empty() : Optional.of(SKIP_VALIDATOR);
    }
}
