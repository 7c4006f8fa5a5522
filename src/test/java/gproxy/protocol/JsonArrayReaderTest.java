package gproxy.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonArrayReaderTest {

    @Test
    void geminiArrayStreamsYieldEachElementsExactBytes() throws IOException {
        byte[] transcript = Fixtures.bytes("gemini/stream-generate-content/array.json");

        List<String> elements = readAll(new ByteArrayInputStream(transcript));
        List<String> trickled = readAll(new SseReaderTest.OneByteAtATime(transcript));

        assertThat(elements).hasSize(3).isEqualTo(trickled);
        assertThat(elements.get(0)).startsWith("{\n  \"candidates\"").endsWith("}");
        assertThat(new String(transcript, UTF_8)).contains(elements.get(0), elements.get(1), elements.get(2));
        assertThat(elements.get(2)).contains("\"usageMetadata\"");
    }

    @Test
    void bracesAndQuotesInsideStringsDoNotEndAnElement() throws IOException {
        String a = "{\"text\": \"a } ] \\\" [ { \\\\\"}";
        String b = "[1, {\"x\": [2, 3]}]";

        assertThat(readAll(bytes("[" + a + "," + b + "]"))).containsExactly(a, b);
    }

    @Test
    void anEmptyArrayHasNoElements() throws IOException {
        JsonArrayReader reader = new JsonArrayReader(bytes(" \r\n[ ]"));

        assertThat(reader.next()).isEmpty();
        assertThat(reader.truncated()).isFalse();
    }

    @Test
    void theReaderStopsAtTheClosingBracketWithoutReadingOn() throws IOException {
        byte[] body = "[{}]".getBytes(UTF_8);
        JsonArrayReader reader = new JsonArrayReader(new SseReaderTest.OneByteAtATime(body) {
            private int served;

            @Override
            public int read() {
                if (served++ >= body.length) {
                    throw new AssertionError("read past the closing bracket");
                }
                return super.read();
            }
        });

        assertThat(reader.next()).isPresent();
        assertThat(reader.next()).isEmpty();
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aStreamCutInsideAnElementOrBeforeTheBracketIsTruncated() throws IOException {
        JsonArrayReader cut = new JsonArrayReader(bytes("[{\"a\":1},{\"b\":\"unfinished"));
        JsonArrayReader open = new JsonArrayReader(bytes("[{\"a\":1}"));

        assertThat(cut.next()).isPresent();
        assertThat(cut.next()).isEmpty();
        assertThat(cut.truncated()).isTrue();
        assertThat(open.next()).isPresent();
        assertThat(open.next()).isEmpty();
        assertThat(open.truncated()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"error\":{}}", "[1,2]", "[{} {}]", "[{},]", "data: {}"})
    void bodiesThatAreNotAnArrayOfObjectsFailClearly(String body) {
        assertThatThrownBy(() -> readAll(bytes(body))).isInstanceOf(StreamFormatException.class)
                .hasMessageStartingWith("JSON array stream: expected");
    }

    @Test
    void anElementOverTheLimitFailsClearly() {
        JsonArrayReader reader = new JsonArrayReader(bytes("[{\"t\":\"" + "x".repeat(200) + "\"}]"), 100);

        assertThatThrownBy(reader::next).isInstanceOf(StreamFormatException.class).hasMessageContaining("exceeds 100");
    }

    private static List<String> readAll(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonArrayReader reader = new JsonArrayReader(in)) {
            for (Optional<byte[]> e = reader.next(); e.isPresent(); e = reader.next()) {
                out.add(new String(e.get(), UTF_8));
            }
        }
        return out;
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(UTF_8));
    }
}
