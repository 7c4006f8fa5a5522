package gproxy.translate.responseschat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;
import gproxy.translate.Translations;
import gproxy.translate.golden.VerdictEvidence;

class ResponsesChatVerdictsTest {

    @Test
    void everyVerdictNamesATestThatExists() {
        VerdictEvidence.assertBacked(getClass().getPackageName(), ResponsesChatVerdicts.ROWS);
    }

    @Test
    void bothPairsAreRegistered() {
        assertThat(Translations.find(Kind.OPENAI_RESPONSES, Kind.OPENAI_CHAT)).isPresent();
        assertThat(Translations.find(Kind.OPENAI_CHAT, Kind.OPENAI_RESPONSES)).isPresent();
    }
}
