package gproxy.translate.geminichat;

/**
 * One answer's token counts in a dialect-neutral shape. {@code output} includes {@code reasoning}
 * and {@code input} includes {@code cached}, as in OpenAI's usage; {@code total} is what the
 * upstream reported, never less than {@code input + output}.
 */
record TokenUsage(long input, long output, long cached, long reasoning, long total) {
    TokenUsage {
        if (input < 0 || output < 0 || cached < 0 || reasoning < 0 || total < 0) {
            throw new IllegalArgumentException("token counts: negative (expected: >= 0)");
        }
    }

    /** Builds a usage whose total is the reported one, raised to the sum when it is short of it. */
    static TokenUsage of(long input, long output, long cached, long reasoning, long reportedTotal) {
        return new TokenUsage(input, output, cached, reasoning, Math.max(reportedTotal, input + output));
    }
}
