package gproxy.translate.responseschat;

import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
import static gproxy.translate.golden.Verdict.Support.APPROXIMATED;
import static gproxy.translate.golden.Verdict.Support.DROPPED;
import static gproxy.translate.golden.Verdict.Support.SUPPORTED;

import java.util.List;

import gproxy.translate.golden.Verdict;

/**
 * The conformance verdicts of OpenAI Responses ↔ OpenAI Chat, each backed by the named test
 * (checked by {@link ResponsesChatVerdictsTest}). Feeds {@code docs/translation-matrix.md}.
 */
public final class ResponsesChatVerdicts {
    private static final String REQ3 = "ResponsesToOpenAiChatRequestTest#";
    private static final String RES3 = "OpenAiChatToResponsesResponseTest#";
    private static final String STR3 = "OpenAiChatToResponsesStreamTest#";
    private static final String REQ4 = "OpenAiChatToResponsesRequestTest#";
    private static final String RES4 = "ResponsesToOpenAiChatResponseTest#";
    private static final String STR4 = "ResponsesToOpenAiChatStreamTest#";
    private static final String TRIP = "ResponsesChatRoundTripTest#";

    public static final List<Verdict> ROWS = List.of(
            // client OpenAI Responses → upstream OpenAI Chat
            r("text", SUPPORTED, "input text / output_text ↔ message content; Chat annotations not converted", RES3 + "reasoningTextAndToolCallsMatchTheGolden"),
            r("system", SUPPORTED, "instructions → first system message; system/developer items keep their role", REQ3 + "instructionsBecomeTheFirstSystemMessageAndDeveloperMessagesKeepTheirRole"),
            r("multi-turn", APPROXIMATED, "input items → messages; previous_response_id, conversation, item_reference and background refused (400)", REQ3 + "statefulRequestsAreRefusedNamingTheField"),
            r("images", APPROXIMATED, "input_image URL/data URL → image_url with detail; a file_id-only image dropped", REQ3 + "imagesAndFilesBecomeChatPartsAndAFileIdImageIsDropped"),
            r("audio and files", SUPPORTED, "input_file (file_data/file_id) → file, input_audio → input_audio; file_url dropped", REQ3 + "imagesAndFilesBecomeChatPartsAndAFileIdImageIsDropped"),
            r("tools", APPROXIMATED, "flat function tools → nested; built-in tools (web_search, file_search, computer, MCP) dropped", REQ3 + "flatFunctionToolsAreNestedAndBuiltInToolsDropped"),
            r("tool choice", SUPPORTED, "auto/none/required/function/allowed_tools", REQ3 + "flatFunctionToolsAreNestedAndBuiltInToolsDropped"),
            r("tool calls", SUPPORTED, "function_call/function_call_output items ↔ assistant tool_calls/tool messages, call ids kept", REQ3 + "functionCallItemsJoinTheAssistantMessageBeforeThemAndOutputsBecomeToolMessages"),
            r("tool streaming", SUPPORTED, "tool_calls fragments → function_call items with arguments delta/done, interleaving kept apart", STR3 + "interleavedToolCallFragmentsLandOnTheirOwnFunctionCallItems"),
            r("structured output", SUPPORTED, "text.format ↔ response_format, text.verbosity ↔ verbosity", REQ3 + "textFormatBecomesResponseFormatAndReasoningEffortCarries"),
            r("thinking", APPROXIMATED, "reasoning.effort → reasoning_effort; reasoning_content → reasoning item summary; reasoning.summary and input reasoning items dropped", STR3 + "reasoningAndTextStreamMatchesTheGolden"),
            r("sampling", SUPPORTED, "temperature, top_p, max_output_tokens, top_logprobs requests and the shared metadata fields; returned logprobs not converted", REQ3 + "conversationWithToolsFormatAndReasoningMatchesTheGolden"),
            r("finish reasons", SUPPORTED, "length → incomplete(max_output_tokens), content_filter → incomplete(content_filter), else completed", RES3 + "lengthIsIncompleteForMaxOutputTokens"),
            r("usage", SUPPORTED, "input/output tokens with cached and reasoning details, totals equal", RES3 + "usageKeepsEveryTokenWithCachedAndReasoningDetails"),
            r("stream usage", SUPPORTED, "include_usage requested; usage chunk → response.completed usage, token for token", STR3 + "streamedUsageEqualsTheUpstreamsUsage"),
            r("stream events", SUPPORTED, "created/in_progress/item added/part added/deltas/done/completed with sequence numbers, ids and indexes consistent", STR3 + "sequenceNumbersCountUpFromZeroAndEveryEventNamesItsType"),
            r("cache markers", SUPPORTED, "prompt_cache_key (client's, else the context's) and prompt_cache_retention carried", REQ3 + "theClientsPromptCacheKeyWinsAndTheContextsIsTheFallback"),
            r("unknown fields", DROPPED, "include, truncation, max_tool_calls and unknown fields dropped; echoed request settings in the response are defaults", RES3 + "idsDeriveFromTheChatIdAndTheClientsModelIsEchoed"),
            r("stream errors", SUPPORTED, "an upstream error chunk → response.failed; its text not copied", STR3 + "anUpstreamErrorIsResponseFailedWithoutItsText"),
            // client OpenAI Chat → upstream OpenAI Responses
            c("text", SUPPORTED, "content ↔ message items; output_text annotations (citations) dropped", TRIP + "aChatRequestThroughResponsesAndBackIsTheSameRequest"),
            c("system", SUPPORTED, "system/developer messages stay role-tagged message items, in place", REQ4 + "messagesBecomeItemsInOrderWithSystemAndDeveloperKeepingTheirRoles"),
            c("multi-turn", SUPPORTED, "every message an item, store:false unless asked (the client keeps its history)", REQ4 + "chatOnlySamplingFieldsAreDroppedAndTheAnswerIsNotStored"),
            c("images", SUPPORTED, "image_url → input_image with detail (auto by default)", REQ4 + "userPartsBecomeInputPartsAndAudioIsDropped"),
            c("audio and files", APPROXIMATED, "file → input_file; input_audio dropped (no Responses input part)", REQ4 + "userPartsBecomeInputPartsAndAudioIsDropped"),
            c("tools", APPROXIMATED, "function tools flattened; custom tools dropped", REQ4 + "toolsAreFlattenedAndAllowedToolsCarried"),
            c("tool choice", SUPPORTED, "auto/none/required/function/allowed_tools", REQ4 + "toolsAreFlattenedAndAllowedToolsCarried"),
            c("tool calls", SUPPORTED, "tool_calls/tool ↔ function_call/function_call_output, ids kept", REQ4 + "toolCallsBecomeFunctionCallItemsAndToolMessagesTheirOutputs"),
            c("tool streaming", SUPPORTED, "function_call items → tool_calls deltas with index, id and name first; done-only arguments still delivered", STR4 + "eachFunctionCallItemIsAToolCallWithItsOwnIndexIdAndName"),
            c("structured output", SUPPORTED, "response_format ↔ text.format, verbosity ↔ text.verbosity", REQ4 + "responseFormatVerbosityAndEffortBecomeTextAndReasoning"),
            c("thinking", APPROXIMATED, "reasoning_effort → reasoning.effort; summaries → reasoning_content (none unless the upstream summarises)", RES4 + "reasoningSummariesBecomeReasoningContentApartByABlankLine"),
            c("sampling", APPROXIMATED, "temperature, top_p, max tokens, top_logprobs carried; stop, seed, penalties, logit_bias and returned logprobs dropped; n > 1 refused", REQ4 + "chatOnlySamplingFieldsAreDroppedAndTheAnswerIsNotStored"),
            c("finish reasons", SUPPORTED, "completed (+calls → tool_calls), incomplete → length/content_filter, failed → 502", RES4 + "anIncompleteResponseFinishesByItsReasonAndKeepsTheRefusal"),
            c("usage", SUPPORTED, "prompt/completion tokens with cached and reasoning details, totals equal", RES4 + "usageKeepsEveryTokenWithCachedAndReasoningDetails"),
            c("stream usage", SUPPORTED, "response.completed usage → usage on the finish chunk, token for token", STR4 + "theFinishChunkCarriesToolCallsAndTheUpstreamsUsageThenDone"),
            c("cache markers", SUPPORTED, "prompt_cache_key (client's, else the context's) and prompt_cache_retention carried", REQ4 + "theContextKeyIsUsedWhenTheClientHasNone"),
            c("unknown fields", DROPPED, "Chat-only and unknown fields dropped", REQ4 + "chatOnlySamplingFieldsAreDroppedAndTheAnswerIsNotStored"),
            c("stream errors", SUPPORTED, "response.failed / error → an OpenAI error chunk without [DONE]; its text not copied", STR4 + "responseFailedIsAnOpenAiErrorChunkWithoutDone"));

    private ResponsesChatVerdicts() {
    }

    private static Verdict r(String feature, Verdict.Support support, String note, String evidence) {
        return new Verdict(OPENAI_RESPONSES, OPENAI_CHAT, feature, support, note, evidence);
    }

    private static Verdict c(String feature, Verdict.Support support, String note, String evidence) {
        return new Verdict(OPENAI_CHAT, OPENAI_RESPONSES, feature, support, note, evidence);
    }
}
