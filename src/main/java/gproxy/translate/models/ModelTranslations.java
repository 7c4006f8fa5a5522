package gproxy.translate.models;

import java.util.Optional;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.translate.BufferedOnly;
import gproxy.translate.Translation;

/**
 * Model list and get between the vendor families (features §4.5, "model list/get: across
 * families"). The request is a bodiless GET whose path the channel builds from the operation and the
 * upstream model, so only the answer is converted: each entry is read in the upstream's shape and
 * written in the client's.
 */
public final class ModelTranslations {
    private static final byte[] NO_BODY = new byte[0];

    private ModelTranslations() {
    }

    /** {@code operation} is list or get; {@code from} (client) and {@code to} (upstream) are family kinds. */
    public static Optional<Translation> find(Operation operation, Kind from, Kind to) {
        if (from.family() == to.family() || from.content() || to.content()) {
            return Optional.empty();
        }
        Kind.Family client = from.family();
        Kind.Family upstream = to.family();
        return switch (operation) {
            case LIST_MODELS -> Optional.of(new Translation(from, to, (body, context) -> NO_BODY,
                    (answer, context) -> Json.bytes(ModelLists.render(ModelLists.parse(answer, upstream), client)),
                    BufferedOnly.stream("model list")));
            case GET_MODEL -> Optional.of(new Translation(from, to, (body, context) -> NO_BODY,
                    (answer, context) -> Json.bytes(ModelLists.parseOne(answer, upstream).render(client)),
                    BufferedOnly.stream("model")));
            default -> Optional.empty();
        };
    }
}
