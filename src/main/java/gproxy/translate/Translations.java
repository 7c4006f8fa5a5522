package gproxy.translate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.protocol.Kind;
import gproxy.translate.claudechat.ClaudeChatPairs;
import gproxy.translate.geminichat.GeminiChat;
import gproxy.translate.responseschat.ResponsesChat;
import gproxy.translate.responsesgemini.ResponsesGemini;

/** The registry of ordered dialect pairs this build can convert. */
public final class Translations {
    private static final Map<Kind, Map<Kind, Translation>> PAIRS = index(List.of(
            ClaudeChatPairs.claudeToOpenAiChat(),
            ClaudeChatPairs.openAiChatToClaude(),
            GeminiChat.clientGemini(),
            GeminiChat.clientOpenAiChat(),
            ResponsesChat.clientResponses(),
            ResponsesChat.clientOpenAiChat(),
            ResponsesGemini.clientResponses(),
            ResponsesGemini.clientGemini()));

    private Translations() {
    }

    public static Optional<Translation> find(Kind from, Kind to) {
        return Optional.ofNullable(PAIRS.getOrDefault(from, Map.of()).get(to));
    }

    private static Map<Kind, Map<Kind, Translation>> index(List<Translation> translations) {
        Map<Kind, Map<Kind, Translation>> pairs = new HashMap<>();
        for (Translation t : translations) {
            if (pairs.computeIfAbsent(t.from(), k -> new HashMap<>()).put(t.to(), t) != null) {
                throw new IllegalStateException("two translations for " + t.from() + " -> " + t.to());
            }
        }
        return pairs;
    }
}
