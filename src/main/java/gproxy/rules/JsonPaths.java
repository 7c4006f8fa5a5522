package gproxy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Dot paths over a JSON tree: keys, numeric array indexes, and (for locators) {@code *} for every
 * element or member. A path that does not exist is skipped, never an error (features §7.1).
 */
final class JsonPaths {
    private JsonPaths() {
    }

    /** Sets the value, creating missing object parents; an array index must already exist. */
    static boolean set(JsonNode root, List<String> path, JsonNode value) {
        JsonNode parent = parent(root, path, true);
        String last = path.getLast();
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
            return true;
        }
        if (parent instanceof ArrayNode array && index(last) >= 0 && index(last) < array.size()) {
            array.set(index(last), value.deepCopy());
            return true;
        }
        return false;
    }

    static boolean delete(JsonNode root, List<String> path) {
        JsonNode parent = parent(root, path, false);
        String last = path.getLast();
        if (parent instanceof ObjectNode object) {
            return object.remove(last) != null;
        }
        if (parent instanceof ArrayNode array && index(last) >= 0 && index(last) < array.size()) {
            array.remove(index(last));
            return true;
        }
        return false;
    }

    /** Shallow-merges {@code value}'s members into the object at the path (created when missing). */
    static boolean merge(JsonNode root, List<String> path, ObjectNode value) {
        JsonNode parent = parent(root, path, true);
        if (!(parent instanceof ObjectNode object)) {
            return false;
        }
        JsonNode target = object.get(path.getLast());
        if (target == null || target.isNull()) {
            object.set(path.getLast(), value.deepCopy());
            return true;
        }
        if (!(target instanceof ObjectNode targetObject)) {
            return false;
        }
        targetObject.setAll(value.deepCopy());
        return true;
    }

    /**
     * Applies {@code edit} to every string value at {@code path} ({@code *} wildcards allowed);
     * returns how many strings it changed.
     */
    static int editStrings(JsonNode node, List<String> path, UnaryOperator<String> edit) {
        return editStrings(node, path, 0, edit);
    }

    private static int editStrings(JsonNode node, List<String> path, int depth, UnaryOperator<String> edit) {
        if (depth == path.size() - 1) {
            return editLeaf(node, path.get(depth), edit);
        }
        String segment = path.get(depth);
        int changed = 0;
        for (JsonNode child : children(node, segment)) {
            changed += editStrings(child, path, depth + 1, edit);
        }
        return changed;
    }

    private static int editLeaf(JsonNode parent, String segment, UnaryOperator<String> edit) {
        int changed = 0;
        if (parent instanceof ObjectNode object) {
            for (String name : segment.equals("*") ? fieldNames(object) : List.of(segment)) {
                JsonNode value = object.get(name);
                if (value != null && value.isTextual()) {
                    String edited = edit.apply(value.asText());
                    if (!edited.equals(value.asText())) {
                        object.set(name, TextNode.valueOf(edited));
                        changed++;
                    }
                }
            }
        } else if (parent instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if ((segment.equals("*") || index(segment) == i) && array.get(i).isTextual()) {
                    String edited = edit.apply(array.get(i).asText());
                    if (!edited.equals(array.get(i).asText())) {
                        array.set(i, TextNode.valueOf(edited));
                        changed++;
                    }
                }
            }
        }
        return changed;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> children(JsonNode node, String segment) {
        if (segment.equals("*")) {
            List<JsonNode> all = new ArrayList<>();
            node.elements().forEachRemaining(all::add);
            return all;
        }
        if (node.isObject()) {
            JsonNode child = node.get(segment);
            return child == null ? List.of() : List.of(child);
        }
        if (node.isArray() && index(segment) >= 0 && index(segment) < node.size()) {
            return List.of(node.get(index(segment)));
        }
        return List.of();
    }

    /** The container of the path's last segment; with {@code create}, missing objects are made. */
    private static JsonNode parent(JsonNode root, List<String> path, boolean create) {
        JsonNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            JsonNode next;
            if (node instanceof ObjectNode object) {
                next = object.get(segment);
                if ((next == null || next.isNull()) && create) {
                    next = object.putObject(segment);
                }
            } else if (node instanceof ArrayNode array && index(segment) >= 0 && index(segment) < array.size()) {
                next = array.get(index(segment));
            } else {
                return null;
            }
            if (next == null) {
                return null;
            }
            node = next;
        }
        return node;
    }

    private static int index(String segment) {
        if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(segment);
    }
}
