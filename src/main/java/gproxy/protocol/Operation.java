package gproxy.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a request asks for, independent of its wire shape (reference §5.3 "operation vocabulary").
 * {@link #id()} is the v2 id stored in {@code routing_rules.operation} and usage rows.
 */
public enum Operation {
    LIST_MODELS("list_models"),
    GET_MODEL("get_model"),
    COUNT_TOKENS("count_tokens"),
    GENERATE_CONTENT("generate_content"),
    STREAM_GENERATE_CONTENT("stream_generate_content"),
    CREATE_EMBEDDING("create_embedding"),
    CREATE_IMAGE("create_image");

    private final String id;

    Operation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean streaming() {
        return this == STREAM_GENERATE_CONTENT;
    }

    public static Optional<Operation> of(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
    }
}
