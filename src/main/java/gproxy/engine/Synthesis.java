package gproxy.engine;

import gproxy.protocol.OperationKey;
import gproxy.translate.TranslationContext;

/**
 * A streaming client served by one whole upstream answer: the upstream is asked {@code upstream}
 * (a {@code generate_content} key, by routing rule, or it answered JSON to a stream request), and
 * the client's stream is synthesised from the answer, converted first when a {@link Conversion}
 * says so, under the client's view of {@code context}.
 */
public record Synthesis(OperationKey upstream, TranslationContext context) {
}
