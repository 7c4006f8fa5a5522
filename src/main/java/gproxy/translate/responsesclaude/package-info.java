/**
 * OpenAI Responses ↔ Anthropic Messages, both ordered pairs, directly (no pivot through Chat): a
 * Responses client served by a Claude upstream ({@link gproxy.translate.responsesclaude.ResponsesClaude#clientResponses()}:
 * {@code ResponsesToClaudeRequest}, {@code ClaudeToResponsesResponse}, {@code ClaudeToResponsesStream})
 * and a Claude client served by a Responses upstream ({@link gproxy.translate.responsesclaude.ResponsesClaude#clientClaude()}:
 * {@code ClaudeToResponsesRequest}, {@code ResponsesToClaudeResponse}, {@code ResponsesToClaudeStream}).
 *
 * <p>Owns: the field-by-field mapping of both directions and what they share: usage with cache
 * reads and writes ({@code Tokens}), stop reason ↔ status ({@code Outcome}), effort ↔ thinking
 * budget ({@code Thinking}), structured output ({@code Format}), the numbered Responses event writer
 * and its output items, the Claude block writer, and the carrying of each side's reasoning proof in
 * the other's opaque field ({@code ReasoningCarry}: Claude signatures in {@code encrypted_content},
 * Responses reasoning items in {@code signature}), which keeps thinking replayable across turns.
 *
 * <p>Does not: keep conversation state. A Claude upstream cannot serve {@code previous_response_id},
 * {@code conversation}, {@code item_reference} or {@code background}: 400s naming the field, not
 * silently shorter conversations; {@code store} is dropped. Built-in tools of either side (OpenAI's
 * web search, file search, …; Anthropic's server tools) run inside their vendor and are dropped.
 * Claude {@code cache_control} markers have no Responses form and are dropped (OpenAI caches
 * prefixes on its own, steered by the derived {@code prompt_cache_key}); toward Claude nothing is
 * marked, so a Responses client's prompts are not cached by Claude. Like the other pairs, it works
 * on Jackson trees so that fields either API adds tomorrow cannot crash it.
 */
package gproxy.translate.responsesclaude;
