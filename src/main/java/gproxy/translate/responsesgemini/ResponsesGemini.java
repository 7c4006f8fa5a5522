package gproxy.translate.responsesgemini;

import java.time.Clock;

import gproxy.protocol.Kind;
import gproxy.translate.Translation;

/** The two ordered pairs of this package, for {@link gproxy.translate.Translations}. */
public final class ResponsesGemini {
    private ResponsesGemini() {
    }

    /** An OpenAI Responses client served by a Gemini {@code generateContent} upstream. */
    public static Translation clientResponses() {
        return clientResponses(Clock.systemUTC());
    }

    static Translation clientResponses(Clock clock) {
        return new Translation(Kind.OPENAI_RESPONSES, Kind.GEMINI_GENERATE, new ResponsesToGeminiRequest(),
                new GeminiToResponsesResponse(clock), () -> new GeminiToResponsesStream(clock));
    }

    /** A Gemini {@code generateContent} client served by an OpenAI Responses upstream. */
    public static Translation clientGemini() {
        return new Translation(Kind.GEMINI_GENERATE, Kind.OPENAI_RESPONSES, new GeminiToResponsesRequest(),
                new ResponsesToGeminiResponse(), ResponsesToGeminiStream::new);
    }
}
