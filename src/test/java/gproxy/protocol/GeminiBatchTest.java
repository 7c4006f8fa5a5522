package gproxy.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import gproxy.json.Json;
import org.junit.jupiter.api.Test;

class GeminiBatchTest {
    private static final byte[] BATCH = ("{\"requests\":[{\"model\":\"models/gem/text-embedding-004\",\"content\":"
            + "{\"parts\":[{\"text\":\"a\"}]}},{\"model\":\"models/gem/text-embedding-004\",\"content\":"
            + "{\"parts\":[{\"text\":\"b\"}]}}]}").getBytes(UTF_8);
    private static final byte[] SINGLE = "{\"content\":{\"parts\":[{\"text\":\"a\"}]}}".getBytes(UTF_8);

    @Test
    void aRequestsArrayIsABatchAndASingleContentIsNot() {
        assertThat(GeminiBatch.isBatch(BATCH)).isTrue();
        assertThat(GeminiBatch.isBatch(SINGLE)).isFalse();
        assertThat(GeminiBatch.isBatch("{\"requests\":{}}".getBytes(UTF_8))).isFalse();
    }

    @Test
    void everyInnerModelFollowsThePathModelToTheUpstreamId() {
        var rewritten = Json.parse(GeminiBatch.rewriteModels(BATCH, "text-embedding-004"));

        assertThat(rewritten.at("/requests/0/model").asText()).isEqualTo("models/text-embedding-004");
        assertThat(rewritten.at("/requests/1/model").asText()).isEqualTo("models/text-embedding-004");
        assertThat(rewritten.at("/requests/1/content/parts/0/text").asText()).isEqualTo("b");
    }

    @Test
    void bodiesWithNothingToRewriteKeepTheirBytes() {
        byte[] upstreamNamed = GeminiBatch.rewriteModels(BATCH, "gem/text-embedding-004");

        assertThat(GeminiBatch.rewriteModels(SINGLE, "text-embedding-004")).isSameAs(SINGLE);
        assertThat(GeminiBatch.rewriteModels(upstreamNamed, "models/gem/text-embedding-004")).isSameAs(upstreamNamed);
    }
}
