package gproxy.translate.responsesclaude;

import java.util.List;
import java.util.Optional;

import gproxy.protocol.SseEvent;
import gproxy.translate.TranslationContext;
import gproxy.translate.golden.Golden;

/** The contexts and runs the tests of this package translate with. */
final class Contexts {
    static final String RESPONSES_TO_CLAUDE = "responses-to-claude/";
    static final String CLAUDE_TO_RESPONSES = "claude-to-responses/";

    private Contexts() {
    }

    /** A Responses client asking for {@code claude-sonnet-4-5}, served by a Claude upstream. */
    static TranslationContext toClaude(boolean stream) {
        return new TranslationContext("claude-sonnet-4-5", "claude-sonnet-4-5", stream, Optional.empty());
    }

    /** A Claude client asking for {@code gpt-5}, served by a Responses upstream. */
    static TranslationContext toResponses(boolean stream) {
        return new TranslationContext("gpt-5", "gpt-5", stream, Optional.empty());
    }

    /** A Claude upstream's stream as a Responses client sees it. */
    static List<SseEvent> responsesClientStream(List<SseEvent> claudeUpstream) {
        return Golden.run(new ClaudeToResponsesStream(() -> 1_760_000_000L), claudeUpstream);
    }

    /** A Responses upstream's stream as a Claude client sees it. */
    static List<SseEvent> claudeClientStream(List<SseEvent> responsesUpstream) {
        return Golden.run(new ResponsesToClaudeStream(), responsesUpstream);
    }

    static byte[] responsesClientAnswer(byte[] claudeUpstream) {
        return new ClaudeToResponsesResponse(() -> 1_760_000_000L).translate(claudeUpstream, toClaude(false));
    }

    static byte[] claudeClientAnswer(byte[] responsesUpstream) {
        return ResponsesToClaudeResponse.translate(responsesUpstream, toResponses(false));
    }
}
