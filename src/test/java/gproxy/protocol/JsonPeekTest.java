package gproxy.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import gproxy.error.GatewayException;
import gproxy.error.InvalidInputException;
import gproxy.json.Json;

class JsonPeekTest {

    @Test
    void topLevelModelAndStreamAreRead() {
        JsonPeek peek = JsonPeek.of(bytes("{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}"));

        assertThat(peek.model()).contains("gpt-4o");
        assertThat(peek.stream()).isTrue();
    }

    @Test
    void absentOrNullFieldsMeanNoModelAndNoStreaming() {
        JsonPeek empty = JsonPeek.of(bytes("{}"));
        assertThat(empty.model()).isEmpty();
        assertThat(empty.stream()).isFalse();
        assertThat(empty.layout().empty()).isTrue();
        assertThat(JsonPeek.of(bytes("{\"model\":null,\"stream\":null}")).model()).isEmpty();
        assertThat(JsonPeek.of(bytes("{\"stream\":false}")).stream()).isFalse();
    }

    @Test
    void nestedModelAndStreamKeysAreIgnored() {
        JsonPeek peek = JsonPeek.of(bytes(
                "{\"metadata\":{\"model\":\"x\",\"stream\":true},\"messages\":[{\"model\":\"y\"}],\"model\":\"real\"}"));

        assertThat(peek.model()).contains("real");
        assertThat(peek.stream()).isFalse();
    }

    @Test
    void escapedAndUnicodeModelsAreDecoded() {
        assertThat(JsonPeek.of(bytes("{\"model\":\"a\\\"b\\\\c\\u00e9 ünï 😀\"}")).model()).contains("a\"b\\cé ünï 😀");
    }

    @Test
    void rewritingReplacesOnlyTheTopLevelModelAndKeepsEveryOtherByte() {
        byte[] body = Fixtures.bytes("openai/chat/request-nested-models.json");

        byte[] rewritten = JsonPeek.rewriteModel(body, "deepseek/deepseek-chat \"v3\"");

        assertThat(rewritten).isEqualTo(Fixtures.bytes("openai/chat/request-nested-models.rewritten.json"));
        JsonPeek peek = JsonPeek.of(rewritten);
        assertThat(peek.model()).contains("deepseek/deepseek-chat \"v3\"");
        assertThat(peek.stream()).isTrue();
        assertThat(Json.parse(rewritten).at("/metadata/model").asText()).isEqualTo("keep-me");
        assertThat(Json.parse(rewritten).at("/messages/1/model").asText()).isEqualTo("nested");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"old\"}",
            "{ \"model\" : \"old\" }",
            "\n\t{\r\n\t\"model\"\t:\n\"old\"\r\n}\n",
            "{\"messages\":[],\"model\":\"old\"}",
            "{\"model\":\"o\\u006cd\"}",
            "{\"model\":\"\\\"old\\\\\"}"})
    void rewritingWorksWhateverTheWhitespaceAndEscapes(String body) {
        byte[] rewritten = JsonPeek.rewriteModel(bytes(body), "new ☃ \"model\"\n\u0001");

        assertThat(JsonPeek.of(rewritten).model()).contains("new ☃ \"model\"\n\u0001");
        String text = new String(rewritten, UTF_8);
        int value = body.indexOf("\"", body.indexOf(':'));
        assertThat(text).startsWith(body.substring(0, value));
        assertThat(text).endsWith(body.substring(body.lastIndexOf('"') + 1));
    }

    @Test
    void aDuplicatedTopLevelModelIsReadLastAndRewrittenEverywhere() {
        byte[] body = bytes("{\"model\":\"cheap\",\"x\":1,\"model\":\"expensive\"}");

        assertThat(JsonPeek.of(body).model()).contains("expensive");
        assertThat(new String(JsonPeek.rewriteModel(body, "resolved"), UTF_8))
                .isEqualTo("{\"model\":\"resolved\",\"x\":1,\"model\":\"resolved\"}");
    }

    @Test
    void aBodyWithoutModelIsReturnedUnchanged() {
        byte[] body = bytes("{\"stream\": true}");

        assertThat(JsonPeek.rewriteModel(body, "m")).isEqualTo(body).isNotSameAs(body);
    }

    @Test
    void aLeadingByteOrderMarkDoesNotShiftTheSplice() {
        byte[] body = bytes("\uFEFF{\"model\":\"a\"}");

        assertThat(new String(JsonPeek.rewriteModel(body, "b"), UTF_8)).isEqualTo("\uFEFF{\"model\":\"b\"}");
    }

    @Test
    void malformedJsonIsA400WithLineAndColumnButNoBodyContent() {
        byte[] body = bytes("{\n  \"model\": \"gpt\",\n  \"api_key\": sk-secret-123\n}");

        assertThatThrownBy(() -> JsonPeek.of(body))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_json");
                })
                .hasMessageStartingWith("malformed JSON at line 3, column")
                .message().doesNotContain("sk-", "secret", "gpt");
    }

    @Test
    void malformedJsonDeepInsideNestedValuesIsStillFound() {
        assertThatThrownBy(() -> JsonPeek.of(bytes("{\"model\":\"m\",\"a\":{\"b\":[1,2,}]}}")))
                .hasMessageStartingWith("malformed JSON at line 1");
        assertThatThrownBy(() -> JsonPeek.of(bytes("{\"model\":\"m\",\"a\":\"unterminated")))
                .hasMessageStartingWith("malformed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"model\":\"m\"}]", "\"model\"", "42", "null"})
    void aTopLevelThatIsNotAnObjectIsA400(String body) {
        assertThatThrownBy(() -> JsonPeek.of(bytes(body)))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("invalid_json"))
                .hasMessageStartingWith("request body must be a JSON object at line 1, column 1");
    }

    @Test
    void emptyBodiesAndTrailingContentAre400s() {
        assertThatThrownBy(() -> JsonPeek.of(new byte[0])).hasMessage("request body is empty (expected: a JSON object)");
        assertThatThrownBy(() -> JsonPeek.of(bytes("   ")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("invalid_json"));
        assertThatThrownBy(() -> JsonPeek.of(bytes("{\"model\":\"a\"} {\"model\":\"b\"}")))
                .hasMessageStartingWith("unexpected content after the JSON object at line 1, column 15");
        assertThatThrownBy(() -> JsonPeek.of(bytes("{} x")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("invalid_json"));
    }

    @Test
    void aModelOrStreamOfTheWrongTypeNamesTheField() {
        assertThatThrownBy(() -> JsonPeek.of(bytes("{\"model\":{\"id\":\"x\"}}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("model");
                    assertThat(e.status()).isEqualTo(400);
                });
        assertThatThrownBy(() -> JsonPeek.of(bytes("{\"stream\":\"true\"}")))
                .hasMessage("stream: must be a boolean");
    }

    @Test
    void nonUtf8BodiesAreRefusedRatherThanSplicedWrongly() {
        byte[] utf16 = "{\"model\":\"a\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16BE);

        assertThatThrownBy(() -> JsonPeek.rewriteModel(utf16, "b"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void theLayoutHoldsTheOffsetsOfTheEditableValues() {
        String body = " {\"model\":\"a\",\"x\":[1],\"stream_options\": null ,\"model\":\"b\"}";
        JsonPeek.Layout layout = JsonPeek.of(bytes(body)).layout();

        assertThat(layout.open()).isEqualTo(1);
        assertThat(layout.empty()).isFalse();
        assertThat(layout.models()).extracting(span -> body.substring(span.start(), span.end()))
                .containsExactly("\"a\"", "\"b\"");
        assertThat(layout.streamOptions()).map(span -> body.substring(span.start(), span.end())).contains("null");
    }

    @Test
    void aSpliceMovesTheSpansAfterItAndRefusesToCutOne() {
        PeekedBody body = PeekedBody.of(bytes("{\"x\":1,\"model\":\"a\"}"));

        PeekedBody longer = body.splice(5, 6, bytes("12345"));

        assertThat(new String(longer.bytes(), UTF_8)).isEqualTo("{\"x\":12345,\"model\":\"a\"}");
        assertThat(new String(longer.withModel("b"), UTF_8)).isEqualTo("{\"x\":12345,\"model\":\"b\"}");
        assertThatThrownBy(() -> body.splice(17, 19, bytes("zz"))).isInstanceOf(IllegalStateException.class);
    }
}
