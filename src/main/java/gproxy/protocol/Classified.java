package gproxy.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A request the gateway recognises (see {@link Classifier}).
 *
 * @param operationKey what is asked, final unless {@code stream} is {@link StreamFlag#BODY}: then it
 *     holds {@link Operation#GENERATE_CONTENT} and {@link #resolve(boolean)} gives the final key once
 *     the body has been peeked
 * @param pathModel the model named by the path: the id of {@code /models/{id}} gets and of Gemini
 *     {@code models/{m}:verb} calls, percent-decoded. Gemini tuned models keep their collection
 *     ({@code tunedModels/x}), as the Google SDKs let users write them, so a channel can tell them
 *     apart from {@code models/x}
 * @param stream where the streaming choice comes from
 * @param pathVerb the Gemini custom method after {@code :} ({@code generateContent},
 *     {@code batchEmbedContents}, …) so a passthrough calls the same one upstream; empty elsewhere
 */
public record Classified(OperationKey operationKey, Optional<String> pathModel, StreamFlag stream,
        Optional<String> pathVerb) {

    public Classified {
        Objects.requireNonNull(operationKey, "operationKey");
        Objects.requireNonNull(pathModel, "pathModel");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(pathVerb, "pathVerb");
    }

    /** The final key: for body-flag requests, {@code bodyStream} picks generate or stream. */
    public OperationKey resolve(boolean bodyStream) {
        if (stream.fromBody() && bodyStream) {
            return OperationKey.of(Operation.STREAM_GENERATE_CONTENT, operationKey.kind());
        }
        return operationKey;
    }

    /** The vendor the caller speaks: decides its error envelope. */
    public Kind.Family dialect() {
        return operationKey.kind().family();
    }
}
