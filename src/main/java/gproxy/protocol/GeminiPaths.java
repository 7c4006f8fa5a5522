package gproxy.protocol;

import java.util.Optional;

/**
 * The Gemini half of the classifier: everything under {@code /v1beta/}, and the {@code models/{m}:verb}
 * posts under {@code /v1/} (the stable API version, which the Google Gen AI Java SDK 2.x uses by
 * default; {@code GET /v1/models} is shared with OpenAI and Anthropic and told apart by header). The Google Gen AI SDKs (Python {@code t_model}, JS
 * {@code tModel}) address a model as {@code models/{m}} or {@code tunedModels/{m}}, and a bare name
 * gets {@code models/} prepended, so a gateway name such as {@code openai/gpt-4o} arrives as
 * {@code models/openai/gpt-4o:generateContent}: the model is everything up to the last {@code :}.
 * The SDKs stream with {@code :streamGenerateContent?alt=sse} and embed with
 * {@code :batchEmbedContents}.
 */
final class GeminiPaths {
    private static final String MODELS = "models/";
    private static final String TUNED = "tunedModels/";

    private GeminiPaths() {
    }

    /** @param rest the raw path after the version ({@code /v1beta/} or {@code /v1/}) */
    static Optional<Classified> classify(String method, String rest, String query) {
        return switch (method) {
            case "GET" -> get(rest);
            case "POST" -> post(rest, query);
            default -> Optional.empty();
        };
    }

    private static Optional<Classified> get(String rest) {
        if (rest.equals("models")) {
            return Optional.of(classified(Operation.LIST_MODELS, Optional.empty(), StreamFlag.NEVER,
                    Optional.empty()));
        }
        // A ':' means a custom method (v2: "an id containing ':' is never a get"), also when escaped.
        return model(rest)
                .filter(model -> model.indexOf(':') < 0)
                .map(model -> classified(Operation.GET_MODEL, Optional.of(model), StreamFlag.NEVER,
                        Optional.empty()));
    }

    private static Optional<Classified> post(String rest, String query) {
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String verb = rest.substring(colon + 1);
        Optional<Operation> operation = switch (verb) {
            case "generateContent" -> Optional.of(Operation.GENERATE_CONTENT);
            case "streamGenerateContent" -> Optional.of(Operation.STREAM_GENERATE_CONTENT);
            case "countTokens" -> Optional.of(Operation.COUNT_TOKENS);
            case "embedContent", "batchEmbedContents" -> Optional.of(Operation.CREATE_EMBEDDING);
            default -> Optional.empty();
        };
        if (operation.isEmpty()) {
            return Optional.empty();
        }
        StreamFlag stream = !operation.get().streaming() ? StreamFlag.NEVER
                : sse(query) ? StreamFlag.PATH_SSE : StreamFlag.PATH_JSON_ARRAY;
        return model(rest.substring(0, colon))
                .map(model -> classified(operation.get(), Optional.of(model), stream, Optional.of(verb)));
    }

    /** The model named by {@code models/{m}} or {@code tunedModels/{m}}, decoded; tuned keeps its prefix. */
    private static Optional<String> model(String raw) {
        String prefix;
        if (raw.startsWith(MODELS)) {
            prefix = "";
        } else if (raw.startsWith(TUNED)) {
            prefix = TUNED;
        } else {
            return Optional.empty();
        }
        String id = raw.substring(raw.indexOf('/') + 1);
        return PathCodec.decode(id).filter(m -> !m.isEmpty()).map(m -> prefix + m);
    }

    private static boolean sse(String query) {
        return PathCodec.queryParam(query, "alt").filter("sse"::equals).isPresent();
    }

    private static Classified classified(Operation operation, Optional<String> model, StreamFlag stream,
            Optional<String> verb) {
        // Generation has its own content kind; the other operations belong to the Gemini family.
        Kind kind = operation.streaming() || operation == Operation.GENERATE_CONTENT
                ? Kind.GEMINI_GENERATE : Kind.GEMINI;
        return new Classified(OperationKey.of(operation, kind), model, stream, verb);
    }
}
