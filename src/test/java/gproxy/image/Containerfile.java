package gproxy.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What etc/Containerfile tells a container engine to run: the exec-form ENTRYPOINT and the ENV.
 * Read from the file itself, so the test runs exactly what the image would. Understands the subset
 * of the syntax the file uses: comment lines, backslash continuations, {@code ENV k=v ...} with
 * double-quoted values, and a JSON-array ENTRYPOINT.
 */
record Containerfile(List<String> entrypoint, Map<String, String> env) {

    Containerfile {
        entrypoint = List.copyOf(entrypoint);
        env = Map.copyOf(env);
    }

    static Containerfile parse(Path file) throws IOException {
        List<String> entrypoint = List.of();
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : instructions(Files.readAllLines(file))) {
            String[] parts = instruction.strip().split("\\s+", 2);
            String keyword = parts[0].toUpperCase(java.util.Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1] : "";
            if (keyword.equals("ENTRYPOINT")) {
                entrypoint = execForm(arguments);
            } else if (keyword.equals("ENV")) {
                env.putAll(assignments(arguments));
            }
        }
        if (entrypoint.isEmpty()) {
            throw new IllegalArgumentException(file + ": no exec-form ENTRYPOINT (expected: ENTRYPOINT [\"...\"])");
        }
        return new Containerfile(entrypoint, env);
    }

    /** Comment lines are dropped first (as the engine does), then continued lines are joined. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                instructions.add(current.toString());
            }
            current.setLength(0);
        }
        return instructions;
    }

    private static List<String> execForm(String arguments) throws IOException {
        if (!arguments.strip().startsWith("[")) {
            throw new IllegalArgumentException("ENTRYPOINT " + arguments + " (expected: exec form; there is no shell)");
        }
        return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() { });
    }

    /** {@code K=V K2="v w"}: blanks separate assignments except inside double quotes. */
    private static Map<String, String> assignments(String arguments) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String word : words(arguments)) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("ENV " + arguments + " (expected: KEY=value pairs)");
            }
            env.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return env;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
