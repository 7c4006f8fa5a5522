package gproxy.translate.claudechat;

import java.util.Optional;

/**
 * A base64 {@code data:} URL, the one way OpenAI Chat carries inline images and files; Claude
 * carries the same bytes as a {@code base64} source with a separate media type.
 */
record DataUrl(String mediaType, String data) {
    private static final String BASE64 = ";base64";

    static Optional<DataUrl> parse(String url) {
        if (!url.startsWith("data:")) {
            return Optional.empty();
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return Optional.empty();
        }
        String meta = url.substring("data:".length(), comma);
        // Percent-encoded data URLs have no base64 form to hand Claude; they are rare for media.
        if (!meta.endsWith(BASE64)) {
            return Optional.empty();
        }
        String type = meta.substring(0, meta.length() - BASE64.length());
        int parameters = type.indexOf(';');
        type = parameters < 0 ? type : type.substring(0, parameters);
        return Optional.of(new DataUrl(type.isEmpty() ? "application/octet-stream" : type, url.substring(comma + 1)));
    }

    String url() {
        return "data:" + mediaType + BASE64 + "," + data;
    }
}
