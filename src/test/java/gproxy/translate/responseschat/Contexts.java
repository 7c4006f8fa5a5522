package gproxy.translate.responseschat;

import java.util.Optional;

import gproxy.translate.TranslationContext;

/** The contexts the tests of this package translate with. */
final class Contexts {
    private Contexts() {
    }

    static TranslationContext toChat(boolean stream) {
        return new TranslationContext("gpt-4.1-mini", "gpt-5-mini", stream, Optional.empty());
    }

    static TranslationContext toResponses(boolean stream) {
        return new TranslationContext("gpt-5-mini", "gpt-4o", stream, Optional.empty());
    }
}
