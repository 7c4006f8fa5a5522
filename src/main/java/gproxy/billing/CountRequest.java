package gproxy.billing;

import java.util.Objects;

/**
 * What the ladder counts when the upstream reported no trusted usage.
 *
 * @param upstreamModel    the model the upstream was asked for (picks the vocabulary)
 * @param requestBody      the body sent upstream, for a count-tokens call that takes the request as is;
 *                         not copied, not to be modified
 * @param requestText      the text of that body ({@link RequestText#of})
 * @param outputText       the produced text kept ({@link StreamText#text()})
 * @param outputCharacters every produced character, also beyond the kept text ({@link StreamText#characters()})
 */
public record CountRequest(String upstreamModel, byte[] requestBody, String requestText, String outputText,
                           long outputCharacters) {

    public CountRequest {
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(requestBody, "requestBody");
        Objects.requireNonNull(requestText, "requestText");
        Objects.requireNonNull(outputText, "outputText");
        if (outputCharacters < 0) {
            throw new IllegalArgumentException("output-characters: " + outputCharacters + " (expected: >= 0)");
        }
    }

    /** A request whose answer has no text to count (embeddings): input only. */
    public static CountRequest input(String upstreamModel, byte[] requestBody) {
        return new CountRequest(upstreamModel, requestBody, RequestText.of(requestBody), "", 0);
    }

    /** From a request body and the produced text of its answer. */
    public static CountRequest of(String upstreamModel, byte[] requestBody, StreamText output) {
        return new CountRequest(upstreamModel, requestBody, RequestText.of(requestBody), output.text(),
                Math.max(output.characters(), CharacterEstimate.characters(output.text())));
    }
}
