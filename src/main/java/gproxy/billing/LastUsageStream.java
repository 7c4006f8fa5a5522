package gproxy.billing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.protocol.SseEvent;

/**
 * Dialects whose stream chunks carry cumulative usage, so the last one wins: OpenAI Chat (one final
 * chunk) and Gemini (usage in every chunk). Only the newest candidate's text is kept and it is parsed
 * once, when asked for, however many chunks carried usage; older candidates are never parsed.
 */
final class LastUsageStream implements StreamUsage {
    private final String usageKey;
    private final String finishKey;
    private final Set<String> paths;
    private final Function<Map<String, JsonNode>, Optional<UsageReport>> reader;

    private String candidate;
    private boolean finished;
    private Optional<UsageReport> parsedReport = Optional.empty();
    private String parsedCandidate;
    private int parsed;

    /**
     * @param usageKey  the key whose object value holds usage ({@code usage}, {@code usageMetadata})
     * @param finishKey the key whose string value marks the end of generation ({@code finish_reason})
     */
    LastUsageStream(String usageKey, String finishKey, Set<String> paths,
                    Function<Map<String, JsonNode>, Optional<UsageReport>> reader) {
        this.usageKey = QuickScan.quote(usageKey);
        this.finishKey = QuickScan.quote(finishKey);
        this.paths = paths;
        this.reader = reader;
    }

    @Override
    public void observe(SseEvent event) {
        event.data().ifPresent(this::observeData);
    }

    @Override
    public void observeData(String data) {
        if (!finished && QuickScan.keyWithValue(data, finishKey, '"')) {
            finished = true;
        }
        if (QuickScan.keyWithValue(data, usageKey, '{')) {
            candidate = data;
        }
    }

    @Override
    public Optional<UsageReport> report() {
        if (candidate == null) {
            return Optional.empty();
        }
        if (candidate != parsedCandidate) {
            parsed++;
            parsedCandidate = candidate;
            parsedReport = UsageJson.pick(candidate, paths).flatMap(reader);
        }
        return parsedReport;
    }

    @Override
    public boolean trusted() {
        return finished && report().isPresent();
    }

    @Override
    public int parsedEvents() {
        return parsed;
    }
}
