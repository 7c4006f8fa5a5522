package gproxy.billing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
        byte[] body = "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}".getBytes(UTF_8);

        assertThat(StreamOptions.ensureIncludeUsage(body)).isSameAs(body);
    }

    @Test
    void aRequestThatDoesNotStreamIsLeftAloneBecauseOpenAiRejectsStreamOptionsThen() {
        for (String body : new String[] {"{\"model\":\"m\"}", "{\"stream\":false}", "{}", "[1]", "not json", ""}) {
            byte[] bytes = body.getBytes(UTF_8);
            assertThat(StreamOptions.ensureIncludeUsage(bytes)).isSameAs(bytes);
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
        assertThat(StreamOptions.clientAskedForUsage("{\"stream_options\":{\"include_usage\":true}}".getBytes(UTF_8))).isTrue();
        assertThat(StreamOptions.clientAskedForUsage("{\"stream_options\":{\"include_usage\":false}}".getBytes(UTF_8))).isFalse();
        assertThat(StreamOptions.clientAskedForUsage("{\"stream\":true}".getBytes(UTF_8))).isFalse();
        assertThat(StreamOptions.clientAskedForUsage("{\"x\":{\"stream_options\":{\"include_usage\":true}}}".getBytes(UTF_8))).isFalse();
        assertThat(StreamOptions.clientAskedForUsage("garbage".getBytes(UTF_8))).isFalse();
    }

    @Test
    void theRewrittenBodyNowAsks() {
        byte[] rewritten = StreamOptions.ensureIncludeUsage("{\"stream\":true,\"messages\":[]}".getBytes(UTF_8));

        assertThat(StreamOptions.clientAskedForUsage(rewritten)).isTrue();
    }

    @Test
    void onlyTheUsageOnlyChunkIsToBeDropped() {
        assertThat(StreamOptions.isUsageOnlyChunk(SseEvent.data("{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}"))).isTrue();
        assertThat(StreamOptions.isUsageOnlyChunk(SseEvent.data("{\"choices\":[{\"delta\":{}}],\"usage\":{\"prompt_tokens\":1}}"))).isFalse();
        assertThat(StreamOptions.isUsageOnlyChunk(SseEvent.data("{\"choices\":[],\"usage\":null}"))).isFalse();
        assertThat(StreamOptions.isUsageOnlyChunk(SseEvent.data("[DONE]"))).isFalse();
    }

    private static String rewrite(String body) {
        return new String(StreamOptions.ensureIncludeUsage(body.getBytes(UTF_8)), UTF_8);
    }
}
