package gproxy.billing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import gproxy.protocol.JsonPeek;
import gproxy.protocol.PeekedBody;
import gproxy.protocol.SseEvent;

class StreamOptionsTest {

    @Test
    void missingStreamOptionsAreInsertedAndEveryOtherByteIsKept() {
        String body = "{ \"model\" : \"gpt-4o\",\n  \"stream\": true, \"messages\": [{\"role\":\"user\",\"content\":\"h\u00e9 \\u00e9\"}] }";

        assertThat(rewrite(body)).isEqualTo("{\"stream_options\":{\"include_usage\":true}, \"model\" : \"gpt-4o\",\n"
                + "  \"stream\": true, \"messages\": [{\"role\":\"user\",\"content\":\"h\u00e9 \\u00e9\"}] }");
    }

    @Test
    void streamOptionsWithoutIncludeUsageGainIt() {
        assertThat(rewrite("{\"stream\":true,\"stream_options\":{\"continuous_usage_stats\":false}}"))
                .isEqualTo("{\"stream\":true,\"stream_options\":{\"include_usage\":true,\"continuous_usage_stats\":false}}");
        assertThat(rewrite("{\"stream\":true,\"stream_options\":{ }}"))
                .isEqualTo("{\"stream\":true,\"stream_options\":{\"include_usage\":true }}");
    }

    @Test
    void includeUsageFalseOrNullIsReplacedByTrue() {
        assertThat(rewrite("{\"stream_options\":{\"include_usage\": false},\"stream\":true}"))
                .isEqualTo("{\"stream_options\":{\"include_usage\": true},\"stream\":true}");
        assertThat(rewrite("{\"stream_options\":{\"include_usage\":null},\"stream\":true}"))
                .isEqualTo("{\"stream_options\":{\"include_usage\":true},\"stream\":true}");
        assertThat(rewrite("{\"stream_options\":null,\"stream\":true}"))
                .isEqualTo("{\"stream_options\":{\"include_usage\":true},\"stream\":true}");
    }

    @Test
    void aBodyThatAlreadyAsksIsReturnedAsIs() {
        PeekedBody body = peeked("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

        assertThat(StreamOptions.ensureIncludeUsage(body)).isSameAs(body);
    }

    @Test
    void aRequestThatDoesNotStreamIsLeftAloneBecauseOpenAiRejectsStreamOptionsThen() {
        for (String body : new String[] {"{\"model\":\"m\"}", "{\"stream\":false}", "{}",
                "{\"stream\":false,\"stream_options\":null}"}) {
            PeekedBody request = peeked(body);
            assertThat(StreamOptions.ensureIncludeUsage(request)).isSameAs(request);
        }
    }

    @Test
    void anEmptyStreamingObjectGainsTheFieldWithoutAComma() {
        assertThat(rewrite("{\"stream\":true}")).isEqualTo("{\"stream_options\":{\"include_usage\":true},\"stream\":true}");
    }

    @Test
    void nestedStreamOptionsAreNotTheTopLevelOnes() {
        assertThat(rewrite("{\"metadata\":{\"stream_options\":{\"include_usage\":true}},\"stream\":true}"))
                .isEqualTo("{\"stream_options\":{\"include_usage\":true},\"metadata\":{\"stream_options\":{\"include_usage\":true}},\"stream\":true}");
    }

    @Test
    void theClientAskedOnlyWhenIncludeUsageIsTrue() {
        assertThat(StreamOptions.clientAskedForUsage(peeked("{\"stream_options\":{\"include_usage\":true}}"))).isTrue();
        assertThat(StreamOptions.clientAskedForUsage(peeked("{\"stream_options\":{\"include_usage\":false}}"))).isFalse();
        assertThat(StreamOptions.clientAskedForUsage(peeked("{\"stream_options\":null}"))).isFalse();
        assertThat(StreamOptions.clientAskedForUsage(peeked("{\"stream_options\":\"yes\"}"))).isFalse();
        assertThat(StreamOptions.clientAskedForUsage(peeked("{\"stream\":true}"))).isFalse();
        assertThat(StreamOptions.clientAskedForUsage(peeked("{\"x\":{\"stream_options\":{\"include_usage\":true}}}"))).isFalse();
        assertThat(StreamOptions.clientAskedForUsage(
                peeked("{\"stream_options\":{\"include_usage\":true},\"stream_options\":{}}"))).isFalse();
    }

    @Test
    void theRewrittenBodyNowAsks() {
        PeekedBody rewritten = StreamOptions.ensureIncludeUsage(peeked("{\"stream\":true,\"messages\":[]}"));

        assertThat(StreamOptions.clientAskedForUsage(rewritten)).isTrue();
    }

    @Test
    void onlyTheUsageOnlyChunkIsToBeDropped() {
        assertThat(StreamOptions.isUsageOnlyChunk(SseEvent.data("{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}"))).isTrue();
        assertThat(StreamOptions.isUsageOnlyChunk(SseEvent.data("{\"choices\":[{\"delta\":{}}],\"usage\":{\"prompt_tokens\":1}}"))).isFalse();
        assertThat(StreamOptions.isUsageOnlyChunk(SseEvent.data("{\"choices\":[],\"usage\":null}"))).isFalse();
        assertThat(StreamOptions.isUsageOnlyChunk(SseEvent.data("[DONE]"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"a\",\"stream\":true,\"messages\":[]}",
            "{\"stream\":true,\"stream_options\":{\"x\":1},\"model\":\"a\"}",
            "{\"model\":\"a\",\"stream_options\":{},\"stream\":true,\"model\":\"b\"}",
            "{\"stream_options\":null,\"model\":\"a\",\"stream\":true}",
            "{\"stream_options\":{\"include_usage\":false},\"model\":\"\\\"ü\",\"stream\":true}"})
    void theModelRewriteAfterTheEditSplicesWhereAFreshReadWould(String body) {
        PeekedBody edited = StreamOptions.ensureIncludeUsage(peeked(body));

        assertThat(edited.bytes()).isNotEqualTo(body.getBytes(UTF_8));
        assertThat(new String(edited.withModel("up/stream \"x\""), UTF_8))
                .isEqualTo(new String(JsonPeek.rewriteModel(edited.bytes(), "up/stream \"x\""), UTF_8));
        assertThat(edited.peek().layout()).isEqualTo(JsonPeek.of(edited.bytes()).layout());
    }

    private static PeekedBody peeked(String body) {
        return PeekedBody.of(body.getBytes(UTF_8));
    }

    private static String rewrite(String body) {
        return new String(StreamOptions.ensureIncludeUsage(peeked(body)).bytes(), UTF_8);
    }
}
