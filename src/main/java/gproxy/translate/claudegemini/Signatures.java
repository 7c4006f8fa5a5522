package gproxy.translate.claudegemini;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Thinking signatures between the dialects. Claude signs a {@code thinking} block, Gemini a part
 * ({@code thoughtSignature}); both are opaque and travel verbatim, so a signature returns to the
 * vendor that made it. Claude's {@code redacted_thinking} has no Gemini form and rides as a thought
 * part whose signature is its data behind {@link #REDACTED}. Gemini 3 rejects a replayed function
 * call without a signature (HTTP 400); for a call that never came from Gemini (another model's
 * history) Google documents a placeholder. Gemini 1.x and 2.x check nothing and get none.
 */
final class Signatures {
    static final String SKIP_VALIDATOR = "skip_thought_signature_validator";
    static final String REDACTED = "gproxy-redacted:";
    private static final Pattern UNCHECKED = Pattern.compile("(^|/)gemini-[12](\\.|-|$).*");

    private Signatures() {
    }

    /** The placeholder the first function call of a model turn needs when it carries no signature. */
    static Optional<String> placeholder(String upstreamModel) {
        return UNCHECKED.matcher(upstreamModel).matches() ? Optional.empty() : Optional.of(SKIP_VALIDATOR);
    }

    static Optional<String> redactedData(String signature) {
        return signature.startsWith(REDACTED) ? Optional.of(signature.substring(REDACTED.length())) : Optional.empty();
    }
}
