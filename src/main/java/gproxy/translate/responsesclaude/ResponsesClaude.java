package gproxy.translate.responsesclaude;

import java.time.Instant;
import java.util.function.LongSupplier;

import gproxy.protocol.Kind;
import gproxy.translate.Translation;

/** The two ordered pairs between OpenAI Responses and Claude Messages, for {@link gproxy.translate.Translations}. */
public final class ResponsesClaude {
    private static final LongSupplier NOW = () -> Instant.now().getEpochSecond();

    private ResponsesClaude() {
    }

    /** An OpenAI Responses client served by a Claude Messages upstream. */
    public static Translation clientResponses() {
        ClaudeToResponsesResponse response = new ClaudeToResponsesResponse(NOW);
        return new Translation(Kind.OPENAI_RESPONSES, Kind.CLAUDE_MESSAGES, new ResponsesToClaudeRequest(),
                response::translate, () -> new ClaudeToResponsesStream(NOW));
    }

    /** A Claude Messages client served by an OpenAI Responses upstream. */
    public static Translation clientClaude() {
        return new Translation(Kind.CLAUDE_MESSAGES, Kind.OPENAI_RESPONSES, ClaudeToResponsesRequest::translate,
                ResponsesToClaudeResponse::translate, ResponsesToClaudeStream::new);
    }
}
