package gproxy.translate.claudechat;

import java.time.Instant;
import java.util.function.LongSupplier;

import gproxy.protocol.Kind;
import gproxy.translate.Translation;

/** The two ordered pairs between Claude Messages and OpenAI Chat, for {@link gproxy.translate.Translations}. */
public final class ClaudeChatPairs {
    private static final LongSupplier NOW = () -> Instant.now().getEpochSecond();

    private ClaudeChatPairs() {
    }

    /** A Claude Messages client served by an OpenAI Chat upstream. */
    public static Translation claudeToOpenAiChat() {
        return new Translation(Kind.CLAUDE_MESSAGES, Kind.OPENAI_CHAT, ClaudeToOpenAiChatRequest::translate,
                OpenAiChatToClaudeResponse::translate, OpenAiChatToClaudeStream::new);
    }

    /** An OpenAI Chat client served by a Claude Messages upstream. */
    public static Translation openAiChatToClaude() {
        ClaudeToOpenAiChatResponse response = new ClaudeToOpenAiChatResponse(NOW);
        return new Translation(Kind.OPENAI_CHAT, Kind.CLAUDE_MESSAGES, OpenAiChatToClaudeRequest::translate,
                response::translate, () -> new ClaudeToOpenAiChatStream(NOW));
    }
}
