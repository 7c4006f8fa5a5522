package gproxy.translate.geminichat;

import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.translate.golden.Verdict.Support.APPROXIMATED;
import static gproxy.translate.golden.Verdict.Support.DROPPED;
import static gproxy.translate.golden.Verdict.Support.SUPPORTED;

import java.util.List;

import gproxy.translate.golden.Verdict;

/**
 * The conformance verdicts of Gemini ↔ OpenAI Chat, each backed by the named test (checked by
 * {@link GeminiChatVerdictsTest}). Feeds {@code docs/translation-matrix.md}.
 */
public final class GeminiChatVerdicts {
    private static final String REQ1 = "GeminiToOpenAiChatRequestTest#";
    private static final String RES1 = "OpenAiChatToGeminiResponseTest#";
    private static final String STR1 = "OpenAiChatToGeminiStreamTest#";
    private static final String REQ2 = "OpenAiChatToGeminiRequestTest#";
    private static final String RES2 = "GeminiToOpenAiChatResponseTest#";
    private static final String STR2 = "GeminiToOpenAiChatStreamTest#";
    private static final String TRIP = "GeminiChatRoundTripTest#";

    public static final List<Verdict> ROWS = List.of(
            // client Gemini → upstream OpenAI Chat
            g("text", SUPPORTED, "text parts ↔ content (string, or text parts when several)", TRIP + "aGeminiRequestThroughChatAndBackIsTheSameRequest"),
            g("system", APPROXIMATED, "systemInstruction parts joined by newlines into one system message", REQ1 + "systemInstructionPartsBecomeOneSystemMessageFirst"),
            g("multi-turn", SUPPORTED, "user/model contents ↔ user/assistant/tool messages", REQ1 + "conversationWithSystemToolsHistoryAndSamplingMatchesTheGolden"),
            g("images", SUPPORTED, "inlineData → data URL, image fileData → image_url", REQ1 + "imagesAudioAndPdfBecomeChatPartsAndANonImageFileUriIsDropped"),
            g("audio and files", APPROXIMATED, "WAV/MP3 → input_audio, other inline bytes → file; non-image fileData dropped", REQ1 + "imagesAudioAndPdfBecomeChatPartsAndANonImageFileUriIsDropped"),
            g("tools", APPROXIMATED, "functionDeclarations → function tools; OpenAPI schema → JSON Schema; googleSearch/codeExecution dropped", REQ1 + "conversationWithSystemToolsHistoryAndSamplingMatchesTheGolden"),
            g("tool choice", SUPPORTED, "AUTO/ANY/NONE + allowedFunctionNames → auto/required/none/function/allowed_tools", REQ1 + "toolConfigModesMapToToolChoice"),
            g("tool calls", SUPPORTED, "functionCall/functionResponse ↔ tool_calls/tool; ids synthesised stably, responses matched by id or name in order", REQ1 + "parallelFunctionCallsWithoutIdsGetStableIdsAndResponsesMatchThemByNameInOrder"),
            g("tool streaming", SUPPORTED, "Chat argument fragments assembled into whole functionCall parts on the last chunk", STR1 + "toolCallFragmentsAreAssembledIntoWholeFunctionCallsOnTheLastChunk"),
            g("structured output", APPROXIMATED, "responseSchema → json_schema (non-strict), responseJsonSchema as is, JSON mime → json_object", REQ1 + "responseSchemaBecomesAJsonSchemaResponseFormatAndBudgetAnEffort"),
            g("thinking", APPROXIMATED, "thinkingBudget/thinkingLevel → reasoning_effort; reasoning_content → thought parts; signatures on history dropped", RES1 + "reasoningContentBecomesAThoughtPartBeforeTheText"),
            g("sampling", APPROXIMATED, "temperature, topP, n, maxOutputTokens, stop, seed, penalties, logprob requests carried; topK, safetySettings and returned logprobs dropped", REQ1 + "conversationWithSystemToolsHistoryAndSamplingMatchesTheGolden"),
            g("finish reasons", SUPPORTED, "stop/length/content_filter/tool_calls → STOP/MAX_TOKENS/SAFETY/STOP", RES1 + "eachChoiceIsACandidateAndLengthAndContentFilterMapToMaxTokensAndSafety"),
            g("usage", SUPPORTED, "reasoning_tokens → thoughtsTokenCount (out of candidates), cached → cachedContentTokenCount, totals equal", RES1 + "usageKeepsEveryTokenWithReasoningAsThoughtsAndCachedTokens"),
            g("stream usage", SUPPORTED, "include_usage requested; usage chunk → usageMetadata on the last chunk, token for token", STR1 + "streamedUsageEqualsTheUpstreamsUsage"),
            g("cache markers", APPROXIMATED, "cachedContent name (its content stays at Google), context key or hash of system + first content → prompt_cache_key", REQ1 + "derivedPromptCacheKeyStaysTheSameAsTurnsAreAppended"),
            g("unknown fields", DROPPED, "Gemini-only top-level and generationConfig fields have no Chat place", REQ1 + "conversationWithSystemToolsHistoryAndSamplingMatchesTheGolden"),
            g("candidates", SUPPORTED, "candidateCount ↔ n; each choice a candidate, streamed too", STR1 + "severalChoicesStreamAsSeveralCandidatesClosedTogether"),
            g("stream errors", SUPPORTED, "an upstream error chunk becomes a Gemini error object; the upstream text is not copied", STR1 + "anUpstreamErrorMidStreamBecomesAGeminiErrorAndEndsTheStream"),
            // client OpenAI Chat → upstream Gemini
            c("text", SUPPORTED, "content ↔ text parts", REQ2 + "conversationWithToolsHistoryAndSamplingMatchesTheGolden"),
            c("system", APPROXIMATED, "every system/developer message goes to the one systemInstruction, wherever it stood", REQ2 + "systemAndDeveloperMessagesFormTheSystemInstruction"),
            c("multi-turn", SUPPORTED, "consecutive same-role messages merge into one content", REQ2 + "toolResultsFindTheirFunctionNameAndParallelResultsShareOneUserTurn"),
            c("images", SUPPORTED, "data URLs → inlineData, http(s) → fileData with a guessed MIME type; detail dropped", REQ2 + "imagesAudioAndInlineFilesBecomeInlineDataAndUrlsFileData"),
            c("audio and files", APPROXIMATED, "input_audio and inline file_data → inlineData; file_id dropped", REQ2 + "imagesAudioAndInlineFilesBecomeInlineDataAndUrlsFileData"),
            c("tools", APPROXIMATED, "JSON Schema → Gemini OpenAPI subset (refs inlined, unsupported keywords dropped); custom tools and strict dropped", REQ2 + "jsonSchemaIsConvertedToGeminisSubsetWithRefsInlined"),
            c("tool choice", SUPPORTED, "none/auto/required/function/allowed_tools → NONE/AUTO/ANY + allowedFunctionNames", REQ2 + "toolChoiceMapsToFunctionCallingConfig"),
            c("tool calls", SUPPORTED, "tool_calls/tool ↔ functionCall/functionResponse; the function name looked up by call id; Gemini id and thoughtSignature ride in our ids", REQ2 + "aThoughtSignatureCarriedInOurIdGoesBackOnItsFunctionCall"),
            c("tool streaming", SUPPORTED, "each whole functionCall → one tool_calls delta with a running index", STR2 + "toolCallsStreamWholeWithRunningIndexesAndFinishAsToolCalls"),
            c("structured output", APPROXIMATED, "json_schema → responseMimeType + responseSchema (converted), json_object → JSON mime", REQ2 + "jsonSchemaIsConvertedToGeminisSubsetWithRefsInlined"),
            c("thinking", APPROXIMATED, "reasoning_effort → thinkingBudget + includeThoughts; thoughts → reasoning_content; Gemini 3 gets the documented placeholder signature on foreign calls", RES2 + "thoughtsBecomeReasoningContentAndNeverTheAnswer"),
            c("sampling", APPROXIMATED, "temperature, top_p, n, max_(completion_)tokens, stop, seed, penalties, logprob requests carried; logit_bias, user, metadata, store, service_tier and returned logprobs dropped", REQ2 + "conversationWithToolsHistoryAndSamplingMatchesTheGolden"),
            c("finish reasons", SUPPORTED, "STOP (+calls → tool_calls), MAX_TOKENS → length, SAFETY/RECITATION/… and blocked prompts → content_filter", RES2 + "candidatesAreChoicesAndMaxTokensAndRecitationMapToLengthAndContentFilter"),
            c("usage", SUPPORTED, "thoughts count as completion and reasoning_tokens, tool-use prompt as prompt, cached carried, totals equal", RES2 + "usageCountsThoughtsAsReasoningOutputAndToolPromptsAsInputWithNoTokenLost"),
            c("stream usage", SUPPORTED, "the last usageMetadata rides on the last finish chunk, token for token", STR2 + "streamedUsageEqualsTheUpstreamsLastUsageMetadata"),
            c("cache markers", DROPPED, "prompt_cache_key has no Gemini body field (implicit caching; cachedContentTokenCount still reported)", REQ2 + "conversationWithToolsHistoryAndSamplingMatchesTheGolden"),
            c("unknown fields", DROPPED, "Chat-only fields have no Gemini place", REQ2 + "conversationWithToolsHistoryAndSamplingMatchesTheGolden"),
            c("candidates", SUPPORTED, "n ↔ candidateCount; each candidate a choice, streamed too", STR2 + "severalCandidatesStreamAsSeveralChoicesEachWithItsOwnFinish"),
            c("stream errors", SUPPORTED, "a Gemini error chunk becomes an OpenAI error chunk, without [DONE]", STR2 + "anUpstreamErrorChunkBecomesAnOpenAiErrorWithoutDone"));

    private GeminiChatVerdicts() {
    }

    private static Verdict g(String feature, Verdict.Support support, String note, String evidence) {
        return new Verdict(GEMINI_GENERATE, OPENAI_CHAT, feature, support, note, evidence);
    }

    private static Verdict c(String feature, Verdict.Support support, String note, String evidence) {
        return new Verdict(OPENAI_CHAT, GEMINI_GENERATE, feature, support, note, evidence);
    }
}
