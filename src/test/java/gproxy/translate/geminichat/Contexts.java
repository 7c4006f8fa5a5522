package gproxy.translate.geminichat;

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

    static TranslationContext toChat(boolean stream) {
        return new TranslationContext("gpt-4.1-mini", "gemini-2.5-flash", stream, Optional.empty());
    }

    static TranslationContext toGemini(boolean stream) {
        return new TranslationContext("gemini-2.5-flash", "gpt-4o", stream, Optional.empty());
    }

    static TranslationContext toGemini3() {
        return new TranslationContext("gemini-3-pro-preview", "gpt-4o", false, Optional.empty());
    }
}
