package gproxy.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseReaderTest {

    @Test
    void eventAndDataFieldsAreRead() throws IOException {
        List<SseEvent> events = readAll("event: ping\ndata: {\"a\":1}\n\n");

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).contains("ping");
            assertThat(e.type()).isEqualTo("ping");
            assertThat(e.data()).contains("{\"a\":1}");
            assertThat(e.dispatchable()).isTrue();
            assertThat(e.rawText()).isEqualTo("event: ping\ndata: {\"a\":1}\n\n");
        });
    }

    @Test
    void multiLineDataIsJoinedWithLineFeeds() throws IOException {
        SseEvent e = readAll("data: one\ndata:two\ndata:  three\ndata\n\n").getFirst();

        assertThat(e.data()).contains("one\ntwo\n three\n");
        assertThat(e.type()).isEqualTo("message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEndingFramesTheSameEvents(String eol) throws IOException {
        String stream = "event: a" + eol + "data: 1" + eol + eol + "data: 2" + eol + "data: 3" + eol + eol;

        List<SseEvent> events = readAll(stream);

        assertThat(events).extracting(SseEvent::dataText).containsExactly("1", "2\n3");
        assertThat(events.getFirst().event()).contains("a");
        assertThat(concat(events)).isEqualTo(stream);
    }

    @Test
    void mixedLineEndingsFollowTheSpec() throws IOException {
        // CR then LF is one line ending; LF then CR is two.
        List<SseEvent> events = readAll("data: a\r\ndata: b\n\rdata: c\r\r");

        assertThat(events).extracting(SseEvent::dataText).containsExactly("a\nb", "c");
    }

    @Test
    void aLeadingByteOrderMarkIsDroppedButNotALaterOne() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(bom);
        stream.writeBytes("data: x\n\n".getBytes(UTF_8));
        stream.writeBytes(bom);
        stream.writeBytes("data: y\n\n".getBytes(UTF_8));

        List<SseEvent> events = readAll(new ByteArrayInputStream(stream.toByteArray()));

        assertThat(events.get(0).data()).contains("x");
        assertThat(events.get(0).rawText()).isEqualTo("data: x\n\n");
        // "\uFEFFdata" is an unknown field name, so the second block has no data.
        assertThat(events.get(1).data()).isEmpty();
    }

    @Test
    void commentBlocksAreReturnedForPassthroughButNotDispatchable() throws IOException {
        List<SseEvent> events = readAll(": keepalive\n:\n\ndata: x\n: note\n\n");

        assertThat(events.get(0).comments()).containsExactly("keepalive", "");
        assertThat(events.get(0).dispatchable()).isFalse();
        assertThat(events.get(0).rawText()).isEqualTo(": keepalive\n:\n\n");
        assertThat(events.get(1).comments()).containsExactly("note");
        assertThat(events.get(1).data()).contains("x");
    }

    @Test
    void idAndRetryAreReadAndInvalidValuesIgnored() throws IOException {
        List<SseEvent> events = readAll("id: 7\nretry: 1500\ndata: a\n\nid: bad\0id\nretry: 10s\ndata: b\n\n");

        assertThat(events.get(0).id()).contains("7");
        assertThat(events.get(0).retry()).hasValue(1500);
        assertThat(events.get(1).id()).isEmpty();
        assertThat(events.get(1).retry()).isEmpty();
    }

    @Test
    void unknownFieldsAndAFieldWithoutColonAreKeptInTheRawBytesOnly() throws IOException {
        SseEvent e = readAll("foo: bar\nevent\ndata: x\n\n").getFirst();

        assertThat(e.event()).contains("");
        assertThat(e.data()).contains("x");
        assertThat(e.rawText()).isEqualTo("foo: bar\nevent\ndata: x\n\n");
    }

    @Test
    void blankLinesBetweenBlocksAreNotEventsAndStayInTheNextBlocksBytes() throws IOException {
        List<SseEvent> events = readAll("\n\ndata: a\n\n\n\ndata: b\n\n");

        assertThat(events).extracting(SseEvent::dataText).containsExactly("a", "b");
        assertThat(events.get(1).rawText()).isEqualTo("\n\ndata: b\n\n");
    }

    @Test
    void aStreamCutInsideABlockDropsItAndSaysSo() throws IOException {
        SseReader reader = reader("data: a\n\ndata: partial");

        assertThat(reader.next()).isPresent();
        assertThat(reader.next()).isEmpty();
        assertThat(reader.truncated()).isTrue();
    }

    @Test
    void aStreamEndingOnABlockBoundaryIsNotTruncated() throws IOException {
        SseReader reader = reader("data: a\n\n\n");

        assertThat(reader.next()).isPresent();
        assertThat(reader.next()).isEmpty();
        assertThat(reader.next()).isEmpty();
        assertThat(reader.truncated()).isFalse();
    }

    @Test
    void anEventOverTheLimitFailsClearlyInsteadOfGrowing() throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(("data: ok\n\ndata: " + "x".repeat(100) + "\n\n")
                .getBytes(UTF_8)), 64);

        assertThat(reader.next()).isPresent();
        assertThatThrownBy(reader::next)
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("exceeds 64 bytes");
    }

    @Test
    void anEndlessLineWithoutNewlineIsBoundedToo() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };

        assertThatThrownBy(() -> new SseReader(endless, 1024).next()).isInstanceOf(StreamFormatException.class);
    }

    @Test
    void utf8IsDecodedPerLineAndInvalidBytesBecomeReplacementCharacters() throws IOException {
        byte[] stream = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, '\n', '\n'};

        SseEvent e = readAll(new ByteArrayInputStream(stream)).getFirst();

        assertThat(e.data()).contains("é\uFFFD");
        assertThat(e.raw()).isEqualTo(stream);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse/anthropic-messages.sse", "sse/openai-chat.sse", "sse/gemini-crlf.sse"})
    void vendorTranscriptsReassembleByteForByteEvenReadOneByteAtATime(String fixture) throws IOException {
        byte[] transcript = Fixtures.bytes(fixture);

        List<SseEvent> whole = readAll(new ByteArrayInputStream(transcript));
        List<SseEvent> trickled = readAll(new OneByteAtATime(transcript));

        String text = new String(transcript, UTF_8);
        assertThat(concat(whole)).isEqualTo(text);
        // Trickled, a CRLF blank line's LF has never arrived when its block is returned: it opens the
        // next block's bytes, and the very last one has no block to go to.
        assertThat(concat(trickled)).isEqualTo(text.endsWith("\r\n") ? text.substring(0, text.length() - 1) : text);
        assertThat(trickled).extracting(SseEvent::data).isEqualTo(whole.stream().map(SseEvent::data).toList());
    }

    @Test
    void crlfBlocksEndWithTheirLineFeedWhenItHasArrived() throws IOException {
        List<SseEvent> events = readAll(new ByteArrayInputStream(Fixtures.bytes("sse/gemini-crlf.sse")));

        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.rawText()).endsWith("}\r\n\r\n"));
        assertThat(events.getFirst().dataText()).contains("\"text\": \"Hel\"");
    }

    @Test
    void anthropicTranscriptKeepsEventTypesAndUnicode() throws IOException {
        List<SseEvent> events = readAll(new ByteArrayInputStream(Fixtures.bytes("sse/anthropic-messages.sse")));

        assertThat(events).extracting(SseEvent::type).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(4).dataText()).contains(" wörld ");
    }

    static List<SseEvent> readAll(String stream) throws IOException {
        return readAll(new ByteArrayInputStream(stream.getBytes(UTF_8)));
    }

    static List<SseEvent> readAll(InputStream in) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(in)) {
            for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
                events.add(e.get());
            }
        }
        return events;
    }

    private static SseReader reader(String stream) {
        return new SseReader(new ByteArrayInputStream(stream.getBytes(UTF_8)));
    }

    private static String concat(List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(e.raw()));
        return out.toString(UTF_8);
    }

    /** A stream that hands out one byte per read and never reports bytes available. */
    static class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int pos;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
