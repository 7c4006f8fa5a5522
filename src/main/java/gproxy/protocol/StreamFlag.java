package gproxy.protocol;

/**
 * Where a classified request's streaming choice comes from. OpenAI and Claude put it in the body
 * ({@code "stream": true}); Gemini puts it in the path verb and picks the framing with
 * {@code ?alt=sse}: without it, {@code :streamGenerateContent} answers one JSON array whose
 * elements arrive as they are generated.
 */
public enum StreamFlag {
    /** The body's top-level {@code stream} boolean decides (absent means not streaming). */
    BODY,
    /** The operation never streams. */
    NEVER,
    /** Streams as server-sent events ({@code :streamGenerateContent?alt=sse}). */
    PATH_SSE,
    /** Streams as a JSON array written element by element ({@code :streamGenerateContent}). */
    PATH_JSON_ARRAY;

    public boolean fromBody() {
        return this == BODY;
    }

    public boolean fromPath() {
        return this == PATH_SSE || this == PATH_JSON_ARRAY;
    }
}
