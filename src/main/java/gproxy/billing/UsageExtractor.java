package gproxy.billing;

import java.util.Optional;

import gproxy.protocol.Kind;

/**
 * Upstream-reported usage of one content dialect, normalized into a {@link UsageReport} whose kinds
 * are disjoint (each dialect counts cache tokens differently; see the implementations). Stateless and
 * thread-safe; a {@link StreamUsage} from {@link #stream()} is per stream.
 */
public sealed interface UsageExtractor permits OpenAiChatUsage, OpenAiResponsesUsage, ClaudeUsage, GeminiUsage {

    /** The extractor for the dialect an upstream answered in. */
    static UsageExtractor of(Kind kind) {
        return switch (kind) {
            case OPENAI_CHAT -> OpenAiChatUsage.INSTANCE;
            case OPENAI_RESPONSES -> OpenAiResponsesUsage.INSTANCE;
            case CLAUDE_MESSAGES -> ClaudeUsage.INSTANCE;
            case GEMINI_GENERATE -> GeminiUsage.INSTANCE;
            default -> throw new IllegalArgumentException("kind: " + kind.id() + " (expected: a content dialect)");
        };
    }

    /**
     * The usage of a whole (non-streamed) response body, source {@link UsageSource#UPSTREAM}; empty
     * when the body reports none or is not JSON.
     */
    Optional<UsageReport> fromBody(byte[] body);

    /** A fresh accumulator for one streamed response. */
    StreamUsage stream();
}
