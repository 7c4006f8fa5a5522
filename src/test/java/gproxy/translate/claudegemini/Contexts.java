package gproxy.translate.claudegemini;

import java.util.List;
import java.util.Optional;

import gproxy.protocol.SseEvent;
import gproxy.translate.TranslationContext;
import gproxy.translate.golden.Golden;

/** The contexts the tests of this package translate with, and the pair's converters run over fixtures. */
final class Contexts {
    static final String CLAUDE_TO_GEMINI = "claude-to-gemini/";
    static final String GEMINI_TO_CLAUDE = "gemini-to-claude/";

    private Contexts() {
    }

    /** A Claude client on a Gemini 2.5 upstream. */
    static TranslationContext toGemini() {
        return new TranslationContext("gemini-2.5-flash", "claude-sonnet-4-5", false, Optional.empty());
    }

    /** A Claude client on a Gemini 3 upstream, which checks function call signatures. */
    static TranslationContext toGemini3() {
        return new TranslationContext("gemini-3-pro-preview", "claude-sonnet-4-5", false, Optional.empty());
    }

    /** A Gemini client on a Claude 4.5 upstream (budget thinking). */
    static TranslationContext toClaude(boolean stream) {
        return new TranslationContext("claude-sonnet-4-5", "gemini-2.5-flash", stream, Optional.empty());
    }

    /** A Gemini client on a Claude model that only thinks adaptively. */
    static TranslationContext toAdaptiveClaude() {
        return new TranslationContext("claude-opus-4-6", "gemini-2.5-pro", false, Optional.empty());
    }

    static List<SseEvent> claudeClientStream(String fixture) {
        return Golden.run(ClaudeGemini.clientClaude().streamConverter().get(), Golden.sse(CLAUDE_TO_GEMINI + fixture));
    }

    static List<SseEvent> geminiClientStream(String fixture) {
        return Golden.run(ClaudeGemini.clientGemini().streamConverter().get(), Golden.sse(GEMINI_TO_CLAUDE + fixture));
    }
}
