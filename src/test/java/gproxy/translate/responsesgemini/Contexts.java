package gproxy.translate.responsesgemini;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import gproxy.translate.TranslationContext;

/** The contexts and clock the tests of this package translate with. */
final class Contexts {
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    private Contexts() {
    }

    /** A Responses client served by Gemini 2.5. */
    static TranslationContext toGemini(boolean stream) {
        return new TranslationContext("gemini-2.5-flash", "gemini-flash", stream, Optional.empty());
    }

    static TranslationContext toGemini3() {
        return new TranslationContext("gemini-3-pro-preview", "gemini-pro", false, Optional.empty());
    }

    /** A Gemini client served by a Responses upstream. */
    static TranslationContext toResponses(boolean stream) {
        return new TranslationContext("gpt-5-mini", "gemini-2.5-flash", stream, Optional.empty());
    }
}
