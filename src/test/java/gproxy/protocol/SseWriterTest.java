package gproxy.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseWriterTest {

    @Test
    void eventsAreWrittenInCanonicalFormAndFlushedOneByOne() throws IOException {
        CountingFlushes out = new CountingFlushes();
        SseWriter writer = new SseWriter(out);

        writer.event("message_start", "{\"a\":1}");
        writer.data("[DONE]");
        writer.comment("keepalive");

        assertThat(out.toString(UTF_8)).isEqualTo("event: message_start\ndata: {\"a\":1}\n\ndata: [DONE]\n\n: keepalive\n\n");
        assertThat(out.flushes).isEqualTo(3);
    }

    @Test
    void multiLineDataBecomesOneDataFieldPerLineAndReadsBackTheSame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SseWriter(out).data("one\r\ntwo\nthree\r");

        assertThat(out.toString(UTF_8)).isEqualTo("data: one\ndata: two\ndata: three\ndata: \n\n");
        List<SseEvent> back = SseReaderTest.readAll(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back).singleElement().satisfies(e -> assertThat(e.data()).contains("one\ntwo\nthree\n"));
        assertThat(back.getFirst()).isEqualTo(SseEvent.data("one\r\ntwo\nthree\r"));
    }

    @Test
    void readEventsAreForwardedAsTheirExactBytes() throws IOException {
        byte[] transcript = Fixtures.bytes("sse/gemini-crlf.sse");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SseWriter writer = new SseWriter(out);

        for (SseEvent e : SseReaderTest.readAll(new ByteArrayInputStream(transcript))) {
            writer.write(e);
        }

        assertThat(out.toByteArray()).isEqualTo(transcript);
    }

    @Test
    void eventNamesAndCommentsMustBeOneLine() {
        assertThatThrownBy(() -> SseEvent.of("a\nb", "x")).hasMessage("event: must be one line (expected: no CR or LF)");
        assertThatThrownBy(() -> SseEvent.comment("a\rb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsAreValuesWhoseBytesCannotBeChangedFromOutside() {
        SseEvent e = SseEvent.data("x");
        e.raw()[0] = 'X';

        assertThat(e.rawText()).isEqualTo("data: x\n\n");
        assertThat(e).isEqualTo(SseEvent.data("x")).hasSameHashCodeAs(SseEvent.data("x"));
        assertThat(e.toString()).doesNotContain("x\n");
    }

    private static final class CountingFlushes extends ByteArrayOutputStream {
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }
    }
}
