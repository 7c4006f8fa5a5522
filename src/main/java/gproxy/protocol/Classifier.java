package gproxy.protocol;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Path → operation (reference §5.2, v2 {@code classify.rs}), plus the Gemini forms the Google Gen AI
 * SDKs send, under {@code /v1beta/} and also under {@code /v1/}: the Java SDK 2.x calls
 * {@code /v1/models/{m}:generateContent} by default. Pure: no I/O, no configuration. Anything it does not recognise is empty and the caller
 * answers 404 in the caller's dialect ({@link CallerDialect}).
 *
 * <p>Matching is exact and case-sensitive, as the vendors' own APIs are: no trailing slashes, no
 * doubled separators. Ids are percent-decoded; a malformed escape is not recognised.
 */
public final class Classifier {
    private static final String V1 = "/v1/";
    private static final String V1BETA = "/v1beta/";

    private Classifier() {
    }

    /**
     * @param method the HTTP method, upper case
     * @param path the raw (still percent-encoded) path after the mount: {@code /v1/...} or
     *     {@code /v1beta/...}; the engine strips {@code /{provider}} for scoped mounts
     * @param query the raw query string without {@code ?}, empty when there is none
     * @param hasHeader whether the request carries a header, asked with lower-case names
     */
    public static Optional<Classified> classify(String method, String path, String query,
            Predicate<String> hasHeader) {
        if (path.startsWith(V1BETA)) {
            return GeminiPaths.classify(method, path.substring(V1BETA.length()), query);
        }
        if (!path.startsWith(V1)) {
            return Optional.empty();
        }
        String rest = path.substring(V1.length());
        return switch (method) {
            case "POST" -> post(rest).or(() -> GeminiPaths.classify(method, rest, query));
            case "GET" -> get(rest, query, hasHeader);
            default -> Optional.empty();
        };
    }

    private static Optional<Classified> post(String rest) {
        return switch (rest) {
            case "chat/completions" -> fromBody(Kind.OPENAI_CHAT);
            case "responses" -> fromBody(Kind.OPENAI_RESPONSES);
            case "messages" -> fromBody(Kind.CLAUDE_MESSAGES);
            case "messages/count_tokens" -> never(Operation.COUNT_TOKENS, Kind.CLAUDE);
            case "responses/input_tokens" -> never(Operation.COUNT_TOKENS, Kind.OPENAI);
            case "embeddings" -> never(Operation.CREATE_EMBEDDING, Kind.OPENAI);
            case "images/generations" -> never(Operation.CREATE_IMAGE, Kind.OPENAI);
            default -> Optional.empty();
        };
    }

    private static Optional<Classified> get(String rest, String query, Predicate<String> hasHeader) {
        Kind kind = modelsKind(query, hasHeader);
        if (rest.equals("models")) {
            return never(Operation.LIST_MODELS, kind);
        }
        if (!rest.startsWith("models/")) {
            return Optional.empty();
        }
        // Ids may contain '/' (vendor/model), so everything after "models/" is the id.
        return PathCodec.decode(rest.substring("models/".length()))
                .filter(id -> !id.isEmpty())
                .map(id -> classified(Operation.GET_MODEL, kind, Optional.of(id)));
    }

    /**
     * {@code /v1/models} is shared by three vendors' SDKs; the credential header tells them apart
     * (v2 looks at {@code x-api-key} only; the Anthropic SDK always sends {@code anthropic-version},
     * the Google SDK {@code x-goog-api-key}, and curl users of Gemini {@code ?key=}).
     */
    private static Kind modelsKind(String query, Predicate<String> hasHeader) {
        if (hasHeader.test("x-api-key") || hasHeader.test("anthropic-version")) {
            return Kind.CLAUDE;
        }
        if (hasHeader.test("x-goog-api-key") || PathCodec.queryParam(query, "key").isPresent()) {
            return Kind.GEMINI;
        }
        return Kind.OPENAI;
    }

    private static Optional<Classified> fromBody(Kind kind) {
        return Optional.of(new Classified(OperationKey.of(Operation.GENERATE_CONTENT, kind), Optional.empty(),
                StreamFlag.BODY, Optional.empty()));
    }

    private static Optional<Classified> never(Operation operation, Kind kind) {
        return Optional.of(classified(operation, kind, Optional.empty()));
    }

    private static Classified classified(Operation operation, Kind kind, Optional<String> pathModel) {
        return new Classified(OperationKey.of(operation, kind), pathModel, StreamFlag.NEVER, Optional.empty());
    }
}
