package gproxy.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OperationUsageTest {

    @Test
    void anEmbeddingWithOnlyTotalTokensBillsThemAsInput() {
        assertThat(OperationUsage.embedding(bytes("{\"usage\":{\"total_tokens\":9}}")))
                .hasValueSatisfying(u -> {
                    assertThat(u.inputTokens()).isEqualTo(9);
                    assertThat(u.totalTokens()).isEqualTo(9);
                });
    }

    @Test
    void anImageWithChatStyleUsageCountsEveryCompletionTokenAsImageOutput() {
        assertThat(OperationUsage.image(bytes("{\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":300,"
                + "\"completion_tokens_details\":{\"image_tokens\":250}}}"))).hasValueSatisfying(u -> {
                    assertThat(u.inputTokens()).isEqualTo(7);
                    assertThat(u.imageOutputTokens()).isEqualTo(300);
                    assertThat(u.outputTokens()).isZero();
                });
    }

    @Test
    void bodiesWithoutUsageOrNotJsonReportNothing() {
        assertThat(OperationUsage.image(bytes("{\"data\":[]}"))).isEmpty();
        assertThat(OperationUsage.image(bytes("{\"usage\":{}}"))).isEmpty();
        assertThat(OperationUsage.embedding(bytes("not json"))).isEmpty();
    }

    @Test
    void negativeCountsAreClampedToZero() {
        assertThat(OperationUsage.image(bytes("{\"usage\":{\"input_tokens\":-5,\"output_tokens\":10}}")))
                .hasValueSatisfying(u -> assertThat(u.inputTokens()).isZero());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
