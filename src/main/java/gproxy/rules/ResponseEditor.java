package gproxy.rules;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The response phase of {@code transform} rules (features §7.1): run on a 2xx answer in the
 * upstream's dialect, before any conversion back — the whole body when buffered, each SSE
 * {@code data:} payload (or JSON-array element) when streamed. {@code [DONE]}, event names, ids and
 * comments are never passed here. A payload that is not a JSON object, or a rule that fails, leaves
 * the payload as it was.
 */
public final class ResponseEditor {
    private static final Logger LOG = System.getLogger(ResponseEditor.class.getName());

    private final List<Rule.Transform> transforms;

    ResponseEditor(List<Rule.Transform> transforms) {
        this.transforms = List.copyOf(transforms);
    }

    /** The payload after every transform; the same array when nothing changed. */
    public byte[] edit(byte[] payload) {
        if (payload.length == 0 || payload[0] != '{') {
            return payload;
        }
        ObjectNode root;
        try {
            JsonNode node = Json.parse(payload);
            if (!(node instanceof ObjectNode o)) {
                return payload;
            }
            root = o;
        } catch (RuntimeException e) {
            return payload;
        }
        boolean changed = false;
        for (Rule.Transform transform : transforms) {
            try {
                Optional<ObjectNode> edited = Transforms.apply(transform, root);
                if (edited.isPresent()) {
                    root = edited.get();
                    changed = true;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "response transform skipped: " + e);
            }
        }
        return changed ? Json.bytes(root) : payload;
    }
}
