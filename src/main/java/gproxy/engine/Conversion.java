package gproxy.engine;

import gproxy.protocol.OperationKey;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * A candidate reached through a dialect conversion: what the upstream is asked ({@code upstream}),
 * the converters of the pair, and the context they were given. The request was converted before
 * sending; the answer is converted back on the way to the client.
 */
public record Conversion(OperationKey upstream, Translation translation, TranslationContext context) {
}
