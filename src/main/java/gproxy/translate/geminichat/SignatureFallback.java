package gproxy.translate.geminichat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gemini 3 rejects a replayed function call without its {@code thoughtSignature} (HTTP 400). A
 * call that did not come from Gemini through us (another model's history, a client that rebuilt its
 * ids) has none; Google documents a placeholder for exactly that case. Gemini 1.x and 2.x do not
 * check signatures and get none.
 */
record SignatureFallback(Optional<String> placeholder) {
    static final String SKIP_VALIDATOR = "skip_thought_signature_validator";
    private static final Pattern UNCHECKED = Pattern.compile("(^|/)gemini-[12](\\.|-|$).*");

    static SignatureFallback forModel(String upstreamModel) {
        return new SignatureFallback(UNCHECKED.matcher(upstreamModel).matches() ? Optional.empty() : Optional.of(SKIP_VALIDATOR));
    }
}
