package gproxy.translate.gemini;

import java.util.Locale;
import java.util.Optional;

/**
 * Gemini {@code inlineData}/{@code fileData} ↔ OpenAI data URLs and image URLs. A data URL is
 * {@code data:<mime>;base64,<data>}; Gemini wants the MIME type apart from the bytes.
 */
public final class MediaParts {
    /** Bytes with their MIME type, the base64 text untouched. */
    public record Inline(String mimeType, String base64) {
    }

    private MediaParts() {
    }

    public static Optional<Inline> parseDataUrl(String url) {
        if (!url.startsWith("data:")) {
            return Optional.empty();
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return Optional.empty();
        }
        String meta = url.substring(5, comma);
        if (!meta.endsWith(";base64")) {
            return Optional.empty(); // percent-encoded data URLs carry text, not what Gemini's inlineData holds
        }
        String mime = meta.substring(0, meta.length() - ";base64".length());
        return Optional.of(new Inline(mime.isEmpty() ? "application/octet-stream" : mime, url.substring(comma + 1)));
    }

    public static String dataUrl(String mimeType, String base64) {
        return "data:" + mimeType + ";base64," + base64;
    }

    /** A best guess from a URL's file extension, for Gemini's {@code fileData.mimeType}. */
    public static Optional<String> guessMime(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.endsWith(".png")) {
            return Optional.of("image/png");
        }
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return Optional.of("image/jpeg");
        }
        if (path.endsWith(".webp")) {
            return Optional.of("image/webp");
        }
        if (path.endsWith(".gif")) {
            return Optional.of("image/gif");
        }
        if (path.endsWith(".pdf")) {
            return Optional.of("application/pdf");
        }
        return Optional.empty();
    }

    /** The Chat {@code input_audio.format} for an audio MIME type, when Chat has one. */
    public static Optional<String> audioFormat(String mimeType) {
        return switch (mimeType) {
            case "audio/wav", "audio/x-wav", "audio/wave" -> Optional.of("wav");
            case "audio/mp3", "audio/mpeg" -> Optional.of("mp3");
            default -> Optional.empty();
        };
    }
}
