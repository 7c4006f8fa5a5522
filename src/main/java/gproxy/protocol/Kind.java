package gproxy.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The wire shape of a request (reference §5.3 "kinds"): four content dialects for generation, and
 * three provider families for the other operations. {@link #id()} is the v2 id stored in
 * {@code routing_rules.kind} / {@code dest_kind} and usage rows.
 */
public enum Kind {
    OPENAI_CHAT("open_ai_chat_completions", Family.OPENAI),
    OPENAI_RESPONSES("open_ai_responses", Family.OPENAI),
    CLAUDE_MESSAGES("claude_messages", Family.CLAUDE),
    GEMINI_GENERATE("gemini_generate_content", Family.GEMINI),
    OPENAI("open_ai", Family.OPENAI),
    CLAUDE("claude", Family.CLAUDE),
    GEMINI("gemini", Family.GEMINI);

    /** The vendor a kind belongs to: decides the error envelope and the auth header style. */
    public enum Family { OPENAI, CLAUDE, GEMINI }

    private final String id;
    private final Family family;

    Kind(String id, Family family) {
        this.id = id;
        this.family = family;
    }

    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    /** Whether this is one of the four content-generation dialects. */
    public boolean content() {
        return ordinal() <= GEMINI_GENERATE.ordinal();
    }

    public static Optional<Kind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
