package gproxy.translate.geminichat;

import java.time.Clock;

import gproxy.protocol.Kind;
import gproxy.translate.Translation;

/** The two ordered pairs of this package, for {@link gproxy.translate.Translations}. */
public final class GeminiChat {
    private GeminiChat() {
    }

    /** A Gemini {@code generateContent} client served by an OpenAI Chat Completions upstream. */
    public static Translation clientGemini() {
        return new Translation(Kind.GEMINI_GENERATE, Kind.OPENAI_CHAT, new GeminiToOpenAiChatRequest(),
                new OpenAiChatToGeminiResponse(), OpenAiChatToGeminiStream::new);
    }

    /** An OpenAI Chat Completions client served by a Gemini {@code generateContent} upstream. */
    public static Translation clientOpenAiChat() {
        return clientOpenAiChat(Clock.systemUTC());
    }

    static Translation clientOpenAiChat(Clock clock) {
        return new Translation(Kind.OPENAI_CHAT, Kind.GEMINI_GENERATE, new OpenAiChatToGeminiRequest(),
                new GeminiToOpenAiChatResponse(clock), () -> new GeminiToOpenAiChatStream(clock));
    }
}
