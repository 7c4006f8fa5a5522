package gproxy.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One server-sent-event block: the fields up to its blank line, as the WHATWG event-stream rules
 * interpret them, and the exact bytes they came from so a passthrough forwards them untouched.
 * A block that holds only comments, {@code id} or {@code retry} is an event here too (a keepalive
 * must reach the client), though a browser would not dispatch it: see {@link #dispatchable()}.
 *
 * @param event the {@code event} field, empty when absent (a browser then says {@code message})
 * @param data the {@code data} lines joined with {@code \n}; empty when the block has no data field
 * @param id the {@code id} field of this block (values containing NUL are ignored, as the spec says)
 * @param retry the {@code retry} field when it is all ASCII digits
 * @param comments the text after {@code :} of each comment line, in order
 */
public record SseEvent(Optional<String> event, Optional<String> data, Optional<String> id, OptionalLong retry,
        List<String> comments, byte[] raw) {

    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(retry, "retry");
        comments = List.copyOf(comments);
        raw = raw.clone();
    }

    /** A {@code data}-only event, as OpenAI and Gemini send them. */
    public static SseEvent data(String data) {
        return SseSerializer.event(Optional.empty(), data);
    }

    /** An {@code event:} + {@code data:} event, as Anthropic and OpenAI Responses send them. */
    public static SseEvent of(String event, String data) {
        return SseSerializer.event(Optional.of(event), data);
    }

    /** A comment-only block ({@code : text}), the usual keepalive. */
    public static SseEvent comment(String text) {
        return SseSerializer.comment(text);
    }

    /** The event type a browser would dispatch: the {@code event} field or {@code message}. */
    public String type() {
        return event.orElse("message");
    }

    /** The data, or the empty string when there is none. */
    public String dataText() {
        return data.orElse("");
    }

    /** Whether a browser's EventSource would dispatch it: only blocks with a data field are. */
    public boolean dispatchable() {
        return data.isPresent();
    }

    /** A copy of the exact bytes of the block, its blank line included. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public int rawLength() {
        return raw.length;
    }

    /** Writes the exact bytes without copying them. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(raw);
    }

    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent e && event.equals(e.event) && data.equals(e.data) && id.equals(e.id)
                && retry.equals(e.retry) && comments.equals(e.comments) && Arrays.equals(raw, e.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data, id, retry, comments, Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event.orElse("") + ", data=" + data.map(d -> d.length() + " chars").orElse("none")
                + ", id=" + id.orElse("") + ", comments=" + comments.size() + ", raw=" + raw.length + " bytes]";
    }
}
