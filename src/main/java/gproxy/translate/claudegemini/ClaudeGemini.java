package gproxy.translate.claudegemini;

import gproxy.protocol.Kind;
import gproxy.translate.Translation;

/** The two ordered pairs of this package, for {@link gproxy.translate.Translations}. */
public final class ClaudeGemini {
    private ClaudeGemini() {
    }

    /** A Claude Messages client served by a Gemini {@code generateContent} upstream. */
    public static Translation clientClaude() {
        return new Translation(Kind.CLAUDE_MESSAGES, Kind.GEMINI_GENERATE, ClaudeToGeminiRequest::translate,
                GeminiToClaudeResponse::translate, GeminiToClaudeStream::new);
    }

    /** A Gemini {@code generateContent} client served by a Claude Messages upstream. */
    public static Translation clientGemini() {
        return new Translation(Kind.GEMINI_GENERATE, Kind.CLAUDE_MESSAGES, GeminiToClaudeRequest::translate,
                ClaudeToGeminiResponse::translate, ClaudeToGeminiStream::new);
    }
}
