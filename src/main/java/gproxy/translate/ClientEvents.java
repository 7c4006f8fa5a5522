package gproxy.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;

/**
 * What the client sees of a converted or synthesised stream: the pair's converter (or a synthesiser)
 * speaks the client's dialect but knows nothing of the request, so this view names the model as
 * the client asked for it — as the converted whole answers do — and, for an OpenAI Chat client that
 * did not ask for {@code stream_options.include_usage}, takes the usage out (the usage-only chunk
 * is dropped, a {@code usage} riding on a chunk with choices is removed). Billing is not affected:
 * it reads the upstream's events before they are converted.
 *
 * <p>Only events that carry a field to change are parsed and written anew; the others pass as they
 * are.
 */
public final class ClientEvents implements StreamTranslator {
    private final StreamTranslator converter;
    private final Kind client;
    private final TranslationContext context;

    public ClientEvents(StreamTranslator converter, Kind client, TranslationContext context) {
        this.converter = converter;
        this.client = client;
        this.context = context;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        return view(converter.onEvent(upstreamEvent));
    }

    @Override
    public List<SseEvent> finish() {
        return view(converter.finish());
    }

    /** The client's view of events already in its dialect. */
    public List<SseEvent> view(List<SseEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        List<SseEvent> out = new ArrayList<>(events.size());
        for (SseEvent event : events) {
            view(event).ifPresent(out::add);
        }
        return out;
    }

    private Optional<SseEvent> view(SseEvent event) {
        String data = event.dataText();
        if (!event.dispatchable() || !data.startsWith("{") || !touches(data)) {
            return Optional.of(event);
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(data);
        } catch (RuntimeException e) {
            return Optional.of(event);
        }
        if (!(parsed instanceof ObjectNode node)) {
            return Optional.of(event);
        }
        if (dropsUsage() && isUsageOnly(node)) {
            return Optional.empty();
        }
        boolean changed = dropsUsage() && node.remove("usage") != null;
        changed |= renameModel(node, event.type());
        if (!changed) {
            return Optional.of(event);
        }
        String text = Json.text(node);
        return Optional.of(event.event().map(name -> SseEvent.of(name, text)).orElseGet(() -> SseEvent.data(text)));
    }

    private boolean dropsUsage() {
        return client == Kind.OPENAI_CHAT && !context.includeUsage();
    }

    /** A cheap look: only events that may hold a model or (to drop) a usage are parsed. */
    private boolean touches(String data) {
        return data.contains(modelKey()) || dropsUsage() && data.contains("\"usage\"");
    }

    private String modelKey() {
        return client == Kind.GEMINI_GENERATE ? "\"modelVersion\"" : "\"model\"";
    }

    private static boolean isUsageOnly(ObjectNode chunk) {
        JsonNode choices = chunk.get("choices");
        return chunk.path("usage").isObject() && choices != null && choices.isArray() && choices.isEmpty();
    }

    /** Where each dialect names the model in its stream. */
    private boolean renameModel(ObjectNode node, String type) {
        return switch (client) {
            case OPENAI_CHAT -> rename(node, "model");
            case GEMINI_GENERATE -> rename(node, "modelVersion");
            case CLAUDE_MESSAGES -> type.equals("message_start") && node.get("message") instanceof ObjectNode m
                    && rename(m, "model");
            case OPENAI_RESPONSES -> node.get("response") instanceof ObjectNode r && rename(r, "model");
            default -> false;
        };
    }

    private boolean rename(ObjectNode node, String field) {
        JsonNode current = node.get(field);
        if (current == null || !current.isTextual() || current.textValue().equals(context.clientModel())) {
            return false;
        }
        node.put(field, context.clientModel());
        return true;
    }
}
