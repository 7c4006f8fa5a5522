package gproxy.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The YAML settings file. It is read as SnakeYAML's node tree rather than as maps, so every key
 * keeps its line for error messages and values stay text for {@link SettingValues} to judge.
 * Nested ({@code server: {port: 1}}) and dotted ({@code server.port: 1}) keys are the same key.
 * Unknown keys are errors: a misspelt key silently ignored is a setting silently not applied.
 * {@code ~} and empty values are unset.
 */
final class YamlFile {
    private final String file;
    private final Map<Key, List<RawValue>> values = new EnumMap<>(Key.class);
    private final Set<Key> seen = EnumSet.noneOf(Key.class);

    private YamlFile(String file) {
        this.file = file;
    }

    /** {@code source} is the flag or variable that named the file, for the "missing file" error. */
    static Layer read(RawValue source) {
        Path path = Path.of(source.text().strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw source.invalid("an existing, readable YAML file");
        }
        YamlFile yaml = new YamlFile(source.text().strip());
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Optional.ofNullable(new Yaml(new LoaderOptions()).compose(reader)).ifPresent(yaml::top);
        } catch (MarkedYAMLException e) {
            // Problem and position only: the snippet SnakeYAML adds could show a secret's line.
            String context = e.getContext() == null ? "" : e.getContext() + ", ";
            String where = e.getProblemMark() == null ? yaml.file : yaml.place(e.getProblemMark());
            throw yaml.fail("invalid YAML in " + where + " (" + context + e.getProblem() + ")");
        } catch (YAMLException e) {
            // SnakeYAML wraps the reader's decoding errors; its other messages carry no file content.
            String problem = e.getCause() instanceof CharacterCodingException ? "expected: UTF-8 text"
                    : Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
            throw yaml.fail("invalid YAML in " + yaml.file + " (" + problem + ")");
        } catch (IOException e) {
            throw source.invalid("an existing, readable YAML file");
        }
        return new Layer(yaml.values);
    }

    private void top(Node node) {
        if (node instanceof ScalarNode s && isUnset(s)) {
            return;
        }
        if (!(node instanceof MappingNode mapping)) {
            throw fail("invalid YAML in " + place(node.getStartMark())
                    + " (expected: a mapping of settings at the top level)");
        }
        mapping(mapping, "");
    }

    private void mapping(MappingNode mapping, String prefix) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw fail("invalid YAML in " + place(tuple.getKeyNode().getStartMark()) + " (expected: text keys)");
            }
            entry(prefix + keyNode.getValue(), keyNode, tuple.getValueNode());
        }
    }

    private void entry(String key, ScalarNode keyNode, Node value) {
        String place = place(keyNode.getStartMark());
        if (key.equals(Key.MASTER_KEY_YAML)) {
            throw new ConfigException(key,
                    key + ": not accepted in " + place + " (expected: " + FlagParser.ENV_ONLY + ")");
        }
        Optional<Key> known = Key.byYaml(key);
        if (known.isPresent()) {
            setting(known.get(), key, place, value);
        } else if (isSection(key) || value instanceof MappingNode m && !m.getValue().isEmpty()) {
            section(key, place, value);
        } else {
            String hint = Suggestions.closest(key, yamlKeys()).map(s -> " (did you mean '" + s + "'?)")
                    .orElse(" (see --help)");
            throw new ConfigException(key, "unknown key '" + key + "' in " + place + hint);
        }
    }

    /** A known prefix such as {@code server}, or an unknown mapping whose leaves are reported by name. */
    private void section(String key, String place, Node value) {
        if (value instanceof MappingNode m) {
            mapping(m, key + ".");
        } else if (!(value instanceof ScalarNode s && isUnset(s))) {
            // Not echoed: "admin: hunter2" is a plausible mistake.
            throw RawValue.at(key, "", place).invalid(value instanceof SequenceNode ? "a list" : "a single value",
                    "a mapping of " + key + ".* keys");
        }
    }

    private void setting(Key key, String name, String place, Node value) {
        if (!seen.add(key)) {
            throw new ConfigException(name, "duplicate key '" + name + "' in " + place);
        }
        if (value instanceof ScalarNode s && isUnset(s)) {
            return;
        }
        RawValue whole = RawValue.at(name, "", place);
        if (key.kind() != Key.Kind.LIST) {
            if (!(value instanceof ScalarNode s)) {
                throw whole.invalid(describe(value), "a single value");
            }
            values.put(key, List.of(RawValue.at(name, s.getValue(), place)));
            return;
        }
        if (!(value instanceof SequenceNode sequence)) {
            throw whole.invalid(describe(value), "a list");
        }
        List<RawValue> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String itemPlace = place(item.getStartMark());
            if (!(item instanceof ScalarNode s) || isUnset(s)) {
                throw RawValue.at(name, "", itemPlace).invalid(describe(item), "a list of single values");
            }
            items.add(RawValue.at(name, s.getValue(), itemPlace));
        }
        values.put(key, items);
    }

    private static boolean isUnset(ScalarNode node) {
        return node.getTag().equals(Tag.NULL) || node.getValue().isEmpty();
    }

    /** What was found instead, without echoing a mapping or list that may hold secrets. */
    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return node instanceof ScalarNode s && !isUnset(s) ? s.getValue() : "empty";
    }

    private static boolean isSection(String key) {
        return Arrays.stream(Key.values()).flatMap(k -> k.yaml().stream()).anyMatch(y -> y.startsWith(key + "."));
    }

    private static List<String> yamlKeys() {
        return Arrays.stream(Key.values()).flatMap(k -> k.yaml().stream()).toList();
    }

    private String place(Mark mark) {
        return file + ":" + (mark.getLine() + 1);
    }

    private ConfigException fail(String message) {
        return new ConfigException(file, message);
    }
}
