package gproxy.channel.openai;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import gproxy.protocol.Kind;

/**
 * One OpenAI-compatible upstream as data.
 *
 * @param openAiPrefix the path between the base URL and the OpenAI method ({@code /v1}, or empty where
 *                     the base URL already ends in the vendor's version)
 * @param natives      the content dialects it speaks, preferred first
 * @param claudePrefix where an Anthropic-compatible Messages surface hangs off the same origin
 */
record Preset(String id, String displayName, String baseUrl, String openAiPrefix, List<Kind> natives,
              Optional<String> claudePrefix, Set<Capability> capabilities) {

    Preset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(openAiPrefix, "openAiPrefix");
        natives = List.copyOf(natives);
        Objects.requireNonNull(claudePrefix, "claudePrefix");
        capabilities = Set.copyOf(capabilities);
        if (natives.contains(Kind.CLAUDE_MESSAGES) != claudePrefix.isPresent()) {
            throw new IllegalArgumentException(id + ": claudePrefix " + claudePrefix
                    + " (expected: present exactly when claude_messages is native)");
        }
    }

    /** OpenAI endpoints beyond content generation that the upstream has. */
    enum Capability { MODELS, COUNT_TOKENS, EMBEDDINGS, IMAGES }

    static Preset chatOnly(String id, String displayName, String baseUrl, String openAiPrefix,
                           Capability... capabilities) {
        return new Preset(id, displayName, baseUrl, openAiPrefix, List.of(Kind.OPENAI_CHAT), Optional.empty(),
                Set.of(capabilities));
    }

    boolean has(Capability capability) {
        return capabilities.contains(capability);
    }
}
