package gproxy.translate.geminichat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;
import gproxy.translate.Translations;
import gproxy.translate.golden.VerdictEvidence;

class GeminiChatVerdictsTest {

    @Test
    void everyVerdictNamesATestThatExists() {
        VerdictEvidence.assertBacked(getClass().getPackageName(), GeminiChatVerdicts.ROWS);
    }

    @Test
    void bothPairsAreRegistered() {
        assertThat(Translations.find(Kind.GEMINI_GENERATE, Kind.OPENAI_CHAT)).isPresent();
        assertThat(Translations.find(Kind.OPENAI_CHAT, Kind.GEMINI_GENERATE)).isPresent();
    }
}
