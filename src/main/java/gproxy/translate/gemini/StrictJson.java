package gproxy.translate.gemini;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import gproxy.json.Json;

/**
 * Parses a JSON text found inside a body (tool arguments, tool results) and says whether it is one:
 * {@code "18 C"} is text, not the number 18 followed by noise, so trailing tokens fail the parse.
 */
public final class StrictJson {
    private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    public static Optional<JsonNode> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(READER.readTree(text)).filter(n -> !n.isMissingNode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
