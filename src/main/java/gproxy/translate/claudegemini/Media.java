package gproxy.translate.claudegemini;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Images and documents. Claude's base64 {@code image}/{@code document} source is Gemini's
 * {@code inlineData} (the same MIME type and base64 text); a URL source is {@code fileData} (the
 * MIME type guessed from the extension when Claude gives none). A plain-text document is a text part
 * toward Gemini, and Gemini's {@code text/plain} bytes a text document toward Claude. Claude file ids
 * ({@code source.type: file}) and Gemini media other than images and PDFs cannot cross and are
 * dropped; a document's {@code title} has no Gemini field.
 */
final class Media {
    private Media() {
    }

    /** A Claude {@code image} or {@code document} block as a Gemini part. */
    static Optional<ObjectNode> geminiPart(JsonNode block) {
        JsonNode source = block.path("source");
        String type = Nodes.text(block, "type").orElse("");
        return switch (type + "/" + Nodes.text(source, "type").orElse("")) {
            case "image/base64", "document/base64" -> Optional.of(inline(
                    Nodes.nonEmpty(source, "media_type").orElse(type.equals("image") ? "image/jpeg" : "application/pdf"),
                    Nodes.text(source, "data").orElse("")));
            case "image/url" -> Nodes.nonEmpty(source, "url").map(u -> file(guessMime(u).orElse("image/jpeg"), u));
            case "document/url" -> Nodes.nonEmpty(source, "url").map(u -> file("application/pdf", u));
            case "document/text" -> Nodes.nonEmpty(source, "data").map(Media::text);
            case "document/content" -> documentText(source.path("content")).map(Media::text);
            default -> Optional.empty();
        };
    }

    /** A Gemini {@code inlineData} or {@code fileData} part as a Claude block. */
    static Optional<ObjectNode> claudeBlock(JsonNode part) {
        JsonNode inline = part.path("inlineData");
        if (inline.isObject()) {
            String mime = Nodes.text(inline, "mimeType").orElse("application/octet-stream");
            String data = Nodes.text(inline, "data").orElse("");
            if (mime.startsWith("image/")) {
                return Optional.of(block("image", Json.object().put("type", "base64").put("media_type", mime).put("data", data)));
            }
            if (mime.equals("application/pdf")) {
                return Optional.of(block("document", Json.object().put("type", "base64").put("media_type", mime).put("data", data)));
            }
            if (mime.startsWith("text/")) {
                String text = new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
                return Optional.of(block("document", Json.object().put("type", "text").put("media_type", "text/plain").put("data", text)));
            }
            return Optional.empty();
        }
        JsonNode file = part.path("fileData");
        Optional<String> uri = Nodes.nonEmpty(file, "fileUri");
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        String mime = Nodes.text(file, "mimeType").or(() -> guessMime(uri.get())).orElse("");
        if (mime.startsWith("image/")) {
            return Optional.of(block("image", Json.object().put("type", "url").put("url", uri.get())));
        }
        if (mime.equals("application/pdf")) {
            return Optional.of(block("document", Json.object().put("type", "url").put("url", uri.get())));
        }
        return Optional.empty();
    }

    static ObjectNode text(String text) {
        return Json.object().put("text", text);
    }

    private static ObjectNode inline(String mime, String base64) {
        ObjectNode part = Json.object();
        part.putObject("inlineData").put("mimeType", mime).put("data", base64);
        return part;
    }

    private static ObjectNode file(String mime, String uri) {
        ObjectNode part = Json.object();
        part.putObject("fileData").put("mimeType", mime).put("fileUri", uri);
        return part;
    }

    private static ObjectNode block(String type, ObjectNode source) {
        ObjectNode block = Json.object().put("type", type);
        block.set("source", source);
        return block;
    }

    private static Optional<String> documentText(JsonNode content) {
        if (content.isTextual()) {
            return Optional.of(content.textValue()).filter(s -> !s.isEmpty());
        }
        StringBuilder text = new StringBuilder();
        content.forEach(b -> Nodes.text(b, "text").ifPresent(t -> text.append(text.isEmpty() ? "" : "\n").append(t)));
        return Optional.of(text.toString()).filter(s -> !s.isEmpty());
    }

    /** A best guess from a URL's file extension. */
    static Optional<String> guessMime(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
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
        return path.endsWith(".pdf") ? Optional.of("application/pdf") : Optional.empty();
    }
}
