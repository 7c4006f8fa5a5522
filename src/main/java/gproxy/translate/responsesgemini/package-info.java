/**
 * OpenAI Responses ↔ Gemini {@code generateContent}, both ordered pairs, converted directly (no
 * pivot through Chat): a Responses client served by a Gemini upstream
 * ({@link gproxy.translate.responsesgemini.ResponsesGemini#clientResponses()}) and a Gemini client
 * served by a Responses upstream ({@link gproxy.translate.responsesgemini.ResponsesGemini#clientGemini()}).
 *
 * <p>Owns: the request, response and stream converters of both directions and what they share:
 * the Responses envelope and event writer, finish reason ↔ status, usage, thinking budgets, call ids,
 * the signatures carried across, media parts, and the derived {@code prompt_cache_key}. The JSON
 * Schema ↔ Gemini schema converters, field-name normaliser and media helpers are copies of
 * {@code geminichat}'s, kept private to the pair.
 *
 * <p>Does not: keep conversation state. Gemini stores nothing, so {@code previous_response_id},
 * {@code conversation}, {@code item_reference} and {@code background} are 400s naming the field,
 * and {@code store} is dropped (answers say {@code store: false}). Does not pick the Gemini URL
 * (model and {@code :streamGenerateContent?alt=sse} are the channel's) nor frame Gemini JSON-array
 * streams for a client that did not ask {@code alt=sse} (the relay does). Built-in tools of either
 * side (web search, file search, Google Search, code execution) are dropped.
 *
 * <p>Reasoning state each vendor wants back travels in the field the other side's clients echo:
 * a Gemini function call's {@code thoughtSignature} in the Responses {@code call_id}, other Gemini
 * signatures in a reasoning item's {@code encrypted_content}, and an OpenAI reasoning item's
 * {@code encrypted_content} in a Gemini thought part's {@code thoughtSignature}.
 */
package gproxy.translate.responsesgemini;
