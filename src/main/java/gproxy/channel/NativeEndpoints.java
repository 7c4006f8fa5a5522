package gproxy.channel;

import java.util.Optional;

import gproxy.protocol.GeminiBatch;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;

/**
 * The native HTTP surface of each vendor family, below a base URL and a version prefix ({@code /v1},
 * {@code /v1beta}, or none where the vendor's base URL already carries its version). Channels pick
 * the family and the prefix; the paths are the vendors' own. Empty means the family has no such
 * endpoint for that key.
 */
public final class NativeEndpoints {

    private NativeEndpoints() {
    }

    /** OpenAI: Chat Completions, Responses, models, input-token counts, embeddings, images. */
    public static Optional<Endpoint> openAi(OperationKey key, PrepareInput in, String prefix) {
        Operation op = key.operation();
        if (content(op)) {
            return switch (key.kind()) {
                case OPENAI_CHAT -> Optional.of(Endpoint.post(prefix + "/chat/completions"));
                case OPENAI_RESPONSES -> Optional.of(Endpoint.post(prefix + "/responses"));
                default -> Optional.empty();
            };
        }
        if (key.kind() != Kind.OPENAI) {
            return Optional.empty();
        }
        return Optional.of(switch (op) {
            case LIST_MODELS -> Endpoint.get(prefix + "/models");
            case GET_MODEL -> Endpoint.get(prefix + "/models/" + model(in));
            case COUNT_TOKENS -> Endpoint.post(prefix + "/responses/input_tokens");
            case CREATE_EMBEDDING -> Endpoint.post(prefix + "/embeddings");
            case CREATE_IMAGE -> Endpoint.post(prefix + "/images/generations");
            case GENERATE_CONTENT, STREAM_GENERATE_CONTENT -> throw new AssertionError(op);
        });
    }

    /** Anthropic: Messages, token counting, models. */
    public static Optional<Endpoint> claude(OperationKey key, PrepareInput in, String prefix) {
        Operation op = key.operation();
        if (key.kind() != (content(op) ? Kind.CLAUDE_MESSAGES : Kind.CLAUDE)) {
            return Optional.empty();
        }
        return switch (op) {
            case GENERATE_CONTENT, STREAM_GENERATE_CONTENT -> Optional.of(Endpoint.post(prefix + "/messages"));
            case COUNT_TOKENS -> Optional.of(Endpoint.post(prefix + "/messages/count_tokens"));
            case LIST_MODELS -> Optional.of(Endpoint.get(prefix + "/models"));
            case GET_MODEL -> Optional.of(Endpoint.get(prefix + "/models/" + model(in)));
            case CREATE_EMBEDDING, CREATE_IMAGE -> Optional.empty();
        };
    }

    /**
     * Gemini: the model is part of the path. Streaming asks for SSE ({@code alt=sse}) because the
     * default stream is one JSON array, which cannot be relayed event by event.
     */
    public static Optional<Endpoint> gemini(OperationKey key, PrepareInput in, String prefix) {
        Operation op = key.operation();
        if (key.kind() != (content(op) ? Kind.GEMINI_GENERATE : Kind.GEMINI) || op == Operation.CREATE_IMAGE) {
            return Optional.empty();
        }
        if (op == Operation.LIST_MODELS) {
            return Optional.of(Endpoint.get(prefix + "/models"));
        }
        String model = prefix + "/" + geminiModel(in);
        return Optional.of(switch (op) {
            case GENERATE_CONTENT -> Endpoint.post(model + ":generateContent");
            case STREAM_GENERATE_CONTENT -> Endpoint.post(model + ":streamGenerateContent?alt=sse");
            case COUNT_TOKENS -> Endpoint.post(model + ":countTokens");
            case GET_MODEL -> Endpoint.get(model);
            case CREATE_EMBEDDING -> Endpoint.post(model + (GeminiBatch.isBatch(in.body())
                    ? ":batchEmbedContents" : ":embedContent"));
            case LIST_MODELS, CREATE_IMAGE -> throw new AssertionError(op);
        });
    }

    /** The model, encoded for a path; required by every operation that puts it there. */
    public static String model(PrepareInput in) {
        return ModelPath.encode(in.requireModel());
    }

    /** Gemini resource names are {@code models/{id}}; an id already in that form is not doubled. */
    private static String geminiModel(PrepareInput in) {
        String model = in.requireModel();
        return ModelPath.encode(model.startsWith("models/") ? model : "models/" + model);
    }

    private static boolean content(Operation op) {
        return op == Operation.GENERATE_CONTENT || op == Operation.STREAM_GENERATE_CONTENT;
    }
}
