package gproxy.translate.responseschat;

import gproxy.protocol.Kind;
import gproxy.translate.Translation;

/** The two ordered pairs of this package, for {@link gproxy.translate.Translations}. */
public final class ResponsesChat {
    private ResponsesChat() {
    }

    /** An OpenAI Responses client served by an OpenAI Chat Completions upstream. */
    public static Translation clientResponses() {
        return new Translation(Kind.OPENAI_RESPONSES, Kind.OPENAI_CHAT, new ResponsesToOpenAiChatRequest(),
                new OpenAiChatToResponsesResponse(), OpenAiChatToResponsesStream::new);
    }

    /** An OpenAI Chat Completions client served by an OpenAI Responses upstream. */
    public static Translation clientOpenAiChat() {
        return new Translation(Kind.OPENAI_CHAT, Kind.OPENAI_RESPONSES, new OpenAiChatToResponsesRequest(),
                new ResponsesToOpenAiChatResponse(), ResponsesToOpenAiChatStream::new);
    }
}
