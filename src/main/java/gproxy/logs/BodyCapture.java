package gproxy.logs;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A bounded copy of a body as it passes: the first {@code cap} bytes and the total count. Writing to
 * it never blocks and never fails; what is past the cap is counted, not kept. Used by one thread at a
 * time (the request's).
 */
public final class BodyCapture {
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    public BodyCapture(int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("cap: " + cap + " (expected: >= 0)");
        }
        this.cap = cap;
    }

    public void write(byte[] bytes, int offset, int length) {
        total += length;
        int room = cap - kept.size();
        if (room > 0) {
            kept.write(bytes, offset, Math.min(room, length));
        }
    }

    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    public long total() {
        return total;
    }

    public boolean truncated() {
        return total > kept.size();
    }

    /** The kept bytes as text, redacted, with the truncation marker when bytes were left out. */
    public String text(boolean redact) {
        String text = kept.toString(StandardCharsets.UTF_8);
        String shown = redact ? Redaction.body(text) : text;
        return truncated() ? shown + marker(kept.size(), total) : shown;
    }

    /** Redacts then cuts a whole body (the request's, held anyway): redaction first, so a cut never exposes a secret. */
    static String whole(byte[] body, int cap, boolean redact) {
        String text = new String(body, StandardCharsets.UTF_8);
        String shown = redact ? Redaction.body(text) : text;
        byte[] bytes = shown.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= cap) {
            return shown;
        }
        return new String(bytes, 0, cap, StandardCharsets.UTF_8) + marker(cap, bytes.length);
    }

    static String marker(long kept, long total) {
        return "\n[gproxy: truncated, " + kept + " of " + total + " bytes kept]";
    }

    /** Passes every byte on to {@code out} at once and keeps the bounded copy on the side. */
    public OutputStream tee(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                BodyCapture.this.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                BodyCapture.this.write(b, off, len);
            }
        };
    }

    /** A sink that only captures (for copies of what another writer sent). */
    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                BodyCapture.this.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                BodyCapture.this.write(b, off, len);
            }
        };
    }
}
