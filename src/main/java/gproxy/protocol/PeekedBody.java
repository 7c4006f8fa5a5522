package gproxy.protocol;

import java.util.Objects;

/**
 * A request body and its {@link JsonPeek}, kept together so every later edit splices at the
 * offsets the one read recorded; an edit returns both anew, so they cannot drift apart.
 *
 * @param bytes the body, never modified in place
 * @param peek  the peek of exactly these bytes
 */
public record PeekedBody(byte[] bytes, JsonPeek peek) {
    public PeekedBody {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(peek, "peek");
    }

    /** Reads {@code body} once. A 400 {@code invalid_json} if it is not one well-formed JSON object. */
    public static PeekedBody of(byte[] body) {
        return new PeekedBody(body, JsonPeek.of(body));
    }

    /** Bytes {@code [start, end)} replaced by {@code replacement}; the peek's layout follows the edit. */
    public PeekedBody splice(int start, int end, byte[] replacement) {
        byte[] out = new byte[bytes.length - (end - start) + replacement.length];
        System.arraycopy(bytes, 0, out, 0, start);
        System.arraycopy(replacement, 0, out, start, replacement.length);
        System.arraycopy(bytes, end, out, start + replacement.length, bytes.length - end);
        JsonPeek.Layout layout = peek.layout().spliced(start, end, replacement.length);
        return new PeekedBody(out, new JsonPeek(peek.model(), peek.stream(), layout));
    }

    /** The body with every top-level {@code model} replaced (see {@link JsonPeek#rewriteModel}). */
    public byte[] withModel(String model) {
        return peek.withModel(bytes, model);
    }
}
