package gproxy.translate.claudechat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Images and documents. Claude's {@code image} (base64 or URL source) is OpenAI's {@code image_url}
 * (a data URL or a URL); a base64 PDF {@code document} is OpenAI's {@code file} part with a data URL
 * in {@code file_data}. What one side cannot address is dropped: Claude file ids and PDF URLs (an
 * OpenAI file part takes neither), OpenAI file ids and audio (Claude has no such input).
 */
final class Media {
    /** OpenAI names the file; Claude's title is optional, so an untitled PDF gets this name. */
    static final String DEFAULT_FILENAME = "document.pdf";

    private Media() {
    }

    /** A Claude {@code image} or {@code document} block as an OpenAI content part. */
    static Optional<ObjectNode> openAiPart(JsonNode block) {
        JsonNode source = block.path("source");
        String sourceType = Nodes.text(source, "type");
        return switch (Nodes.text(block, "type") + "/" + sourceType) {
            case "image/base64" -> Optional.of(imagePart(new DataUrl(Nodes.text(source, "media_type"),
                    Nodes.text(source, "data")).url()));
            case "image/url" -> Nodes.nonEmpty(source, "url").map(Media::imagePart);
            case "document/base64" -> Optional.of(filePart(block, source));
            case "document/text" -> Nodes.nonEmpty(source, "data").map(Nodes::textBlock);
            case "document/content" -> documentText(source.path("content")).map(Nodes::textBlock);
            default -> Optional.empty();
        };
    }

    /** An OpenAI {@code image_url} or {@code file} part as a Claude block. */
    static Optional<ObjectNode> claudeBlock(JsonNode part) {
        return switch (Nodes.text(part, "type")) {
            case "image_url" -> image(part.path("image_url"));
            case "file" -> document(part.path("file"));
            default -> Optional.empty();
        };
    }

    private static ObjectNode imagePart(String url) {
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static ObjectNode filePart(JsonNode block, JsonNode source) {
        ObjectNode part = Json.object().put("type", "file");
        ObjectNode file = part.putObject("file");
        file.put("filename", Nodes.nonEmpty(block, "title").orElse(DEFAULT_FILENAME));
        file.put("file_data", new DataUrl(Nodes.text(source, "media_type"), Nodes.text(source, "data")).url());
        return part;
    }

    private static Optional<String> documentText(JsonNode content) {
        if (content.isTextual()) {
            return Optional.of(content.textValue()).filter(s -> !s.isEmpty());
        }
        StringBuilder text = new StringBuilder();
        content.forEach(b -> text.append(text.isEmpty() ? "" : "\n").append(Nodes.text(b, "text")));
        return Optional.of(text.toString()).filter(s -> !s.isEmpty());
    }

    private static Optional<ObjectNode> image(JsonNode imageUrl) {
        // Some clients send image_url as a bare string rather than {url}.
        String url = imageUrl.isTextual() ? imageUrl.textValue() : Nodes.text(imageUrl, "url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        Optional<DataUrl> inline = DataUrl.parse(url);
        if (inline.isPresent()) {
            source.put("type", "base64").put("media_type", inline.get().mediaType()).put("data", inline.get().data());
        } else if (url.startsWith("data:")) {
            return Optional.empty(); // not base64: Claude has no source for it
        } else {
            source.put("type", "url").put("url", url);
        }
        return Optional.of(block);
    }

    private static Optional<ObjectNode> document(JsonNode file) {
        Optional<DataUrl> data = DataUrl.parse(Nodes.text(file, "file_data"));
        if (data.isEmpty()) {
            return Optional.empty(); // file_id: an OpenAI upload Claude cannot read
        }
        ObjectNode block = Json.object().put("type", "document");
        String type = data.get().mediaType();
        if (type.startsWith("text/")) {
            String text = new String(Base64.getMimeDecoder().decode(data.get().data()), StandardCharsets.UTF_8);
            block.putObject("source").put("type", "text").put("media_type", "text/plain").put("data", text);
        } else {
            block.putObject("source").put("type", "base64").put("media_type", type).put("data", data.get().data());
        }
        Nodes.nonEmpty(file, "filename").ifPresent(name -> block.put("title", name));
        return Optional.of(block);
    }
}
