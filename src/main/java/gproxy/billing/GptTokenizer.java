package gproxy.billing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Exact local counts for GPT-family models (reference §8, rung 1) with JTokkit's tiktoken
 * vocabularies: {@code cl100k_base} for gpt-3.5 and gpt-4, {@code o200k_base} for gpt-4o, 4.1, 4.5,
 * 5, the o-series and gpt-oss. Other models are not counted here. Vocabularies load on first use
 * (a few hundred milliseconds, once per process); counting is CPU-bound, so callers run it off the
 * request's critical path. Special-token text ({@code <|endoftext|>}) is counted as ordinary text,
 * since it is user text here, not a control token.
 */
final class GptTokenizer implements TokenCounter {
    static final GptTokenizer INSTANCE = new GptTokenizer();

    private static final Pattern CL100K = Pattern.compile("^(gpt-3\\.5|gpt-35|gpt-4(?![o.])|text-embedding-3|text-embedding-ada).*");
    private static final Pattern O200K = Pattern.compile("^(gpt-4o|gpt-4\\.|gpt-5|gpt-oss|chatgpt-|o[134](-|$)|codex-).*");

    private GptTokenizer() {
    }

    /** The vocabulary for a model id such as {@code gpt-4o-2024-08-06} or {@code openai/gpt-5}; empty when not GPT-family. */
    static Optional<EncodingType> vocabulary(String model) {
        String m = model.strip().toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        if (CL100K.matcher(m).matches()) {
            return Optional.of(EncodingType.CL100K_BASE);
        }
        if (O200K.matcher(m).matches()) {
            return Optional.of(EncodingType.O200K_BASE);
        }
        return Optional.empty();
    }

    @Override
    public boolean knows(String model) {
        return vocabulary(model).isPresent();
    }

    @Override
    public Optional<TokenCount> count(CountRequest request) {
        return vocabulary(request.upstreamModel()).map(type -> {
            Encoding encoding = Registry.REGISTRY.getEncoding(type);
            return new TokenCount(encoding.countTokensOrdinary(request.requestText()),
                    encoding.countTokensOrdinary(request.outputText()));
        });
    }

    /** Holder: the registry (and its vocabularies) load only when a GPT-family count first happens. */
    private static final class Registry {
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    }
}
