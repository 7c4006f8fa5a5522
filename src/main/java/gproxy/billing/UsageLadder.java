package gproxy.billing;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the usage a call is billed at (reference §8, features §6.7), as a ladder of early returns:
 * <ol>
 *   <li>trusted upstream usage (a final usage frame or a body that reports it) → as reported;</li>
 *   <li>a GPT-family model → counted locally with tiktoken, source {@code counted};</li>
 *   <li>the answering provider's count-tokens endpoint, bound to its credential per settlement
 *       ({@link Billing#countTokens()}, {@code gproxy.engine.UpstreamTokenCounter}) → {@code counted};</li>
 *   <li>otherwise, or when they fail → characters / 2, source {@code estimated}.</li>
 * </ol>
 * When the upstream reported part of the usage before the stream broke (Anthropic's
 * {@code message_start} gives input and cache counts), its input side is kept — only the upstream
 * knows the cache split, and an estimate would bill cached tokens at the full input rate — and the
 * output is the larger of the reported and the counted output. Thread-safe if its counters are.
 */
public final class UsageLadder {
    private static final System.Logger LOG = System.getLogger(UsageLadder.class.getName());

    private final List<TokenCounter> counters;

    /** @param upstreamCounter the count-tokens call; {@link TokenCounter#NONE} when there is none */
    public UsageLadder(TokenCounter upstreamCounter) {
        this(GptTokenizer.INSTANCE, upstreamCounter);
    }

    UsageLadder(TokenCounter local, TokenCounter upstreamCounter) {
        this.counters = List.of(Objects.requireNonNull(local, "local"), Objects.requireNonNull(upstreamCounter, "upstreamCounter"));
    }

    /**
     * @param upstream what the upstream reported, maybe partial
     * @param trusted  whether it is the whole call's usage ({@link StreamUsage#trusted()}; true for a body)
     */
    public UsageReport resolve(Optional<UsageReport> upstream, boolean trusted, CountRequest request) {
        return resolve(upstream, trusted, request, TokenCounter.NONE);
    }

    /**
     * As {@link #resolve(Optional, boolean, CountRequest)}, with the answering provider's own count-tokens
     * call as the upstream rung when it has one ({@code bound} not {@link TokenCounter#NONE}).
     */
    public UsageReport resolve(Optional<UsageReport> upstream, boolean trusted, CountRequest request,
                               TokenCounter bound) {
        if (trusted && upstream.isPresent()) {
            return upstream.get();
        }
        UsageReport counted = count(request, bound);
        if (upstream.isEmpty()) {
            return counted;
        }
        return keepReportedInput(upstream.get(), counted);
    }

    /**
     * The input of a request that is not content generation (an embedding that reported no usage): the
     * local rungs only — a count-tokens endpoint takes a generation request, not this body — then the
     * estimate. Always an answer, with no output.
     */
    public UsageReport countInput(CountRequest request) {
        Optional<TokenCounter.TokenCount> count = safely(counters.getFirst(), request);
        if (count.isPresent()) {
            return UsageReport.of(count.get().inputTokens(), 0, UsageSource.COUNTED);
        }
        return UsageReport.of(CharacterEstimate.tokens(request.requestText()), 0, UsageSource.ESTIMATED);
    }

    /**
     * Whether counting a call of {@code model} may reach the {@code bound} count-tokens rung: an upstream
     * round trip of up to {@code UpstreamTokenCounter.TIMEOUT}, which settlement keeps off the request thread.
     */
    public boolean mayAskUpstream(String model, TokenCounter bound) {
        return bound != TokenCounter.NONE && !counters.getFirst().knows(model);
    }

    /** Rungs 2–4: always an answer. */
    UsageReport count(CountRequest request) {
        return count(request, TokenCounter.NONE);
    }

    private UsageReport count(CountRequest request, TokenCounter bound) {
        List<TokenCounter> rungs = bound == TokenCounter.NONE ? counters : List.of(counters.getFirst(), bound);
        for (TokenCounter counter : rungs) {
            Optional<TokenCounter.TokenCount> count = safely(counter, request);
            if (count.isPresent()) {
                long output = wholeOutput(count.get().outputTokens(), request);
                return UsageReport.of(count.get().inputTokens(), output, UsageSource.COUNTED);
            }
        }
        return UsageReport.of(CharacterEstimate.tokens(request.requestText()),
                CharacterEstimate.tokens(request.outputCharacters()), UsageSource.ESTIMATED);
    }

    private static Optional<TokenCounter.TokenCount> safely(TokenCounter counter, CountRequest request) {
        try {
            return counter.count(request);
        } catch (RuntimeException e) {
            // A counter must not throw; one that does is a rung that failed, not a failed settlement.
            LOG.log(Level.WARNING, "token counter failed for model {0}: {1}", request.upstreamModel(), e.toString());
            return Optional.empty();
        }
    }

    /** Scales a count of the kept text up to every produced character when the text was cut. */
    private static long wholeOutput(long keptTokens, CountRequest request) {
        long kept = CharacterEstimate.characters(request.outputText());
        if (kept == 0 || request.outputCharacters() <= kept) {
            return keptTokens;
        }
        double scaled = Math.ceil((double) keptTokens * request.outputCharacters() / kept);
        return scaled >= 0x1p63 ? Long.MAX_VALUE : (long) scaled;
    }

    private static UsageReport keepReportedInput(UsageReport partial, UsageReport counted) {
        boolean reportedInput = partial.promptTokens() > 0 || partial.cacheReadTokens() > 0;
        long input = reportedInput ? partial.inputTokens() : counted.inputTokens();
        return new UsageReport(input, Math.max(partial.outputTokens(), counted.outputTokens()),
                partial.cacheReadTokens(), partial.cacheCreation5mTokens(), partial.cacheCreation30mTokens(),
                partial.cacheCreation1hTokens(), partial.imageOutputTokens(), partial.serviceTier(), counted.source());
    }
}
