package gproxy.rules;

import static gproxy.rules.Rules.input;
import static gproxy.rules.Rules.rule;
import static gproxy.rules.Rules.shape;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;

/** The response phase on SSE transcripts: only data payloads change, nothing is held back. */
class ResponseStreamsTest {
    private static final ResponseEditor EDITOR = shape(List.of(rule(1, "transform",
            "{\"phase\":\"response\",\"locate\":{\"path\":\"choices.*.delta.content\"},"
                    + "\"actions\":[{\"op\":\"replace_text\",\"from\":\"secret\",\"with\":\"[x]\"}]}")),
            input(Kind.OPENAI_CHAT, "g"), "{\"messages\":[]}").responseEditor().orElseThrow();

    @Test
    void dataPayloadsAreEditedAndDoneEventNamesIdsAndCommentsPassAsTheyAre() throws IOException {
        String transcript = ": keepalive\n"
                + "event: chunk\nid: 7\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"a secret\"}}]}\n\n"
                + "data:{\"choices\":[{\"delta\":{\"content\":\"no\"}}]}\r\n\r\n"
                + "data: [DONE]\n\n";
        String out = read(ResponseStreams.events(stream(transcript), EDITOR), 3);
        assertThat(out).isEqualTo(": keepalive\n"
                + "event: chunk\nid: 7\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"a [x]\"}}]}\n\n"
                + "data:{\"choices\":[{\"delta\":{\"content\":\"no\"}}]}\r\n\r\n"
                + "data: [DONE]\n\n");
    }

    @Test
    void aLineSplitAcrossUpstreamReadsIsEditedWhole() throws IOException {
        String transcript = "data: {\"choices\":[{\"delta\":{\"content\":\"secret\"}}]}\n\n";
        InputStream trickle = new InputStream() {
            private final byte[] bytes = transcript.getBytes(StandardCharsets.UTF_8);
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[at++]; // one byte per read, as a slow upstream might deliver it
                return 1;
            }
        };
        assertThat(read(ResponseStreams.events(trickle, EDITOR), 64))
                .isEqualTo("data: {\"choices\":[{\"delta\":{\"content\":\"[x]\"}}]}\n\n");
    }

    @Test
    void eachLineIsHandedOnAsSoonAsItIsComplete() throws IOException {
        java.io.PipedOutputStream upstream = new java.io.PipedOutputStream();
        java.io.PipedInputStream pipe = new java.io.PipedInputStream(upstream);
        InputStream edited = ResponseStreams.events(pipe, EDITOR);
        upstream.write("data: {\"choices\":[{\"delta\":{\"content\":\"secret\"}}]}\n".getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[256];
        // the upstream has not ended: the first line arrives anyway
        int n = edited.read(buffer, 0, buffer.length);
        assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8))
                .isEqualTo("data: {\"choices\":[{\"delta\":{\"content\":\"[x]\"}}]}\n");
        upstream.close();
    }

    @Test
    void aBufferedBodyIsEditedWhole() throws IOException {
        String body = "{\"choices\":[{\"delta\":{\"content\":\"top secret\"}}]}";
        assertThat(read(ResponseStreams.whole(stream(body), EDITOR), 5))
                .isEqualTo("{\"choices\":[{\"delta\":{\"content\":\"top [x]\"}}]}");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(InputStream in, int bufferSize) throws IOException {
        StringBuilder out = new StringBuilder();
        byte[] buffer = new byte[bufferSize];
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            bytes.write(buffer, 0, n);
        }
        out.append(bytes.toString(StandardCharsets.UTF_8));
        return out.toString();
    }
}
