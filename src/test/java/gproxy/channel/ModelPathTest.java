package gproxy.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelPathTest {

    @Test
    void ordinaryAndVendorPrefixedIdsStayReadable() {
        assertThat(ModelPath.encode("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
        assertThat(ModelPath.encode("meta-llama/llama-3.1-8b")).isEqualTo("meta-llama/llama-3.1-8b");
    }

    @Test
    void reservedCharactersArePercentEncoded() {
        assertThat(ModelPath.encode("a b?c#d:e%")).isEqualTo("a%20b%3Fc%23d%3Ae%25");
        assertThat(ModelPath.encode("modèle")).isEqualTo("mod%C3%A8le");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../admin", "a/../../b", "/abs", "a//b", "a/", ".", ""})
    void dotAndEmptySegmentsAreRefusedSoAModelCannotWalkTheUpstreamPath(String model) {
        assertThatThrownBy(() -> ModelPath.encode(model)).isInstanceOf(ChannelException.class)
                .hasMessageStartingWith("model: ");
    }
}
