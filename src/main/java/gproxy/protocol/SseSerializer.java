package gproxy.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Canonical bytes for events the gateway builds itself: LF line endings, one space after the colon. */
final class SseSerializer {
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private SseSerializer() {
    }

    static SseEvent event(Optional<String> event, String data) {
        StringBuilder text = new StringBuilder(data.length() + 32);
        event.ifPresent(name -> {
            requireOneLine("event", name);
            text.append("event: ").append(name).append('\n');
        });
        // Each line of the data becomes its own data field; a reader joins them back with \n.
        for (String line : LINE_BREAK.split(data, -1)) {
            text.append("data: ").append(line).append('\n');
        }
        text.append('\n');
        return new SseEvent(event, Optional.of(LINE_BREAK.matcher(data).replaceAll("\n")), Optional.empty(),
                OptionalLong.empty(), List.of(), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static SseEvent comment(String comment) {
        requireOneLine("comment", comment);
        byte[] raw = (":" + (comment.isEmpty() ? "" : " " + comment) + "\n\n").getBytes(StandardCharsets.UTF_8);
        return new SseEvent(Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                List.of(comment), raw);
    }

    private static void requireOneLine(String what, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + ": must be one line (expected: no CR or LF)");
        }
    }
}
