package gproxy.testing;

/**
 * Token counts a fake upstream reports, rendered in each vendor's own convention: OpenAI and Gemini
 * count cached tokens inside the prompt total ({@code prompt_tokens}, {@code promptTokenCount}),
 * Anthropic reports them beside it ({@code input_tokens} excludes {@code cache_read_input_tokens}).
 *
 * @param inputTokens all prompt tokens, cached ones included
 * @param outputTokens generated tokens
 * @param cachedInputTokens how many of the input tokens were cache reads
 */
public record Usage(int inputTokens, int outputTokens, int cachedInputTokens) {
    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException("usage: " + inputTokens + "/" + outputTokens + "/" + cachedInputTokens
                    + " (expected: non-negative, cached <= input)");
        }
    }

    public static Usage of(int inputTokens, int outputTokens) {
        return new Usage(inputTokens, outputTokens, 0);
    }

    public int totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Anthropic's {@code input_tokens}: the uncached part. */
    int uncachedInputTokens() {
        return inputTokens - cachedInputTokens;
    }
}
