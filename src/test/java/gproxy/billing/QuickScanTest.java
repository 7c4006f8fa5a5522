package gproxy.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuickScanTest {
    private static final String USAGE = QuickScan.quote("usage");

    @Test
    void aKeyFollowedByAnObjectIsFoundThroughWhitespace() {
        assertThat(QuickScan.keyWithValue("{\"usage\" :\n {\"a\":1}}", USAGE, '{')).isTrue();
        assertThat(QuickScan.keyWithValue("{\"usage\":null}", USAGE, '{')).isFalse();
        assertThat(QuickScan.keyWithValue("{\"usages\":{}}", USAGE, '{')).isFalse();
    }

    @Test
    void anEscapedKeyInsideAStringIsPassedOverButALaterRealOneIsFound() {
        String text = "{\"content\":\"\\\"usage\\\":{\",\"usage\":null}";
        assertThat(QuickScan.keyWithValue(text, USAGE, '{')).isFalse();
        assertThat(QuickScan.keyWithValue(text + "{\"usage\":{}}", USAGE, '{')).isTrue();
    }

    @Test
    void theFirstTypeIsReadCheaply() {
        assertThat(QuickScan.firstString("{\"type\": \"message_delta\",\"usage\":{}}", QuickScan.TYPE)).isEqualTo("message_delta");
        assertThat(QuickScan.firstString("{\"type\":1}", QuickScan.TYPE)).isEmpty();
        assertThat(QuickScan.firstString("{\"type\":\"a\\\"b\"}", QuickScan.TYPE)).isEmpty();
        assertThat(QuickScan.firstString("[DONE]", QuickScan.TYPE)).isEmpty();
    }
}
