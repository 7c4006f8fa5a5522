package gproxy.billing;

import java.util.Optional;
import java.util.Set;

import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;

/**
 * The text an upstream produced in one streamed (or buffered) answer: content, reasoning and tool-call
 * arguments, for the ladder to count when no trusted usage arrived. Only content-delta events are
 * parsed. The kept text is bounded ({@link #MAX_KEPT_CHARS}); {@link #characters()} counts every
 * character seen, so an estimate of a very long answer is still whole. Not thread-safe.
 */
public final class StreamText {
    /** Text kept for a tokenizer; beyond it only characters are counted. */
    public static final int MAX_KEPT_CHARS = 1 << 20;

    private static final Set<String> CHAT = Set.of("content", "reasoning_content", "reasoning", "refusal", "arguments");
    private static final Set<String> RESPONSES_DELTA = Set.of("delta");
    private static final Set<String> RESPONSES_BODY = Set.of("text", "arguments", "refusal");
    private static final Set<String> CLAUDE_DELTA = Set.of("text", "partial_json", "thinking");
    private static final Set<String> CLAUDE_BODY = Set.of("text", "thinking");
    private static final Set<String> GEMINI = Set.of("text");

    private final Kind kind;
    private final StringBuilder kept = new StringBuilder();
    private long characters;

    public StreamText(Kind kind) {
        UsageExtractor.of(kind); // the same dialect check
        this.kind = kind;
    }

    /** The produced text of a whole response body. */
    public static StreamText ofBody(Kind kind, byte[] body) {
        StreamText text = new StreamText(kind);
        Set<String> keys = switch (kind) {
            case OPENAI_CHAT -> CHAT;
            case OPENAI_RESPONSES -> RESPONSES_BODY;
            case CLAUDE_MESSAGES -> CLAUDE_BODY;
            default -> GEMINI;
        };
        TextFields.include(body, keys, text::add);
        return text;
    }

    public void observe(SseEvent event) {
        event.data().ifPresent(data -> observe(event.event(), data));
    }

    /** One payload without SSE framing (an element of Gemini's JSON-array stream). */
    public void observeData(String data) {
        observe(Optional.empty(), data);
    }

    private void observe(Optional<String> eventType, String data) {
        switch (kind) {
            case OPENAI_CHAT -> {
                if (data.contains("\"delta\"")) {
                    TextFields.include(data, CHAT, this::add);
                }
            }
            case OPENAI_RESPONSES -> {
                String type = eventType.orElseGet(() -> QuickScan.firstString(data, QuickScan.TYPE));
                if (type.endsWith(".delta")) {
                    TextFields.include(data, RESPONSES_DELTA, this::add);
                }
            }
            case CLAUDE_MESSAGES -> {
                String type = eventType.orElseGet(() -> QuickScan.firstString(data, QuickScan.TYPE));
                if (type.equals("content_block_delta")) {
                    TextFields.include(data, CLAUDE_DELTA, this::add);
                }
            }
            default -> {
                if (data.contains("\"text\"")) {
                    TextFields.include(data, GEMINI, this::add);
                }
            }
        }
    }

    private void add(String s) {
        characters += CharacterEstimate.characters(s);
        int room = MAX_KEPT_CHARS - kept.length();
        if (room > 0) {
            kept.append(s, 0, Math.min(room, s.length()));
        }
    }

    /** The kept text: all of it unless {@link #truncated()}. */
    public String text() {
        return kept.toString();
    }

    /** Every character (code point) produced, kept or not. */
    public long characters() {
        return characters;
    }

    public boolean truncated() {
        return characters > CharacterEstimate.characters(kept);
    }
}
