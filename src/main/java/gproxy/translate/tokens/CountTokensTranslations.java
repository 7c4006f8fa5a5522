package gproxy.translate.tokens;

import java.util.Optional;

import gproxy.protocol.Kind;
import gproxy.translate.BufferedOnly;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;
import gproxy.translate.Translations;

/**
 * Count tokens between the three vendor families (features §4.5: Claude ↔ OpenAI ↔ Gemini). A count
 * body is a generation request by another name, so each pair is the content pair's request converter
 * between the two count shapes: the client's count body is unwrapped into its generation request,
 * converted, and cut to what the upstream's count endpoint takes. The answer is one number, moved
 * from the upstream's field to the client's.
 */
public final class CountTokensTranslations {
    private CountTokensTranslations() {
    }

    /** The pair {@code from} (client) → {@code to} (upstream), both family kinds; empty for one family. */
    public static Optional<Translation> find(Kind from, Kind to) {
        CountShape client = CountShape.of(from);
        CountShape upstream = CountShape.of(to);
        if (client == upstream) {
            return Optional.empty();
        }
        return Translations.find(client.content(), upstream.content()).map(content -> new Translation(from, to,
                (body, context) -> upstream.count(content.request().translate(client.generation(body),
                        counting(context)), context.upstreamModel()),
                (answer, context) -> client.answer(upstream.read(answer)),
                BufferedOnly.stream("count tokens")));
    }

    private static TranslationContext counting(TranslationContext context) {
        return new TranslationContext(context.upstreamModel(), context.clientModel(), false, Optional.empty());
    }
}
