/**
 * Anthropic Messages ↔ Gemini {@code generateContent}, both ordered pairs, direct (no pivot through
 * Chat): a Claude client served by a Gemini upstream ({@link gproxy.translate.claudegemini.ClaudeGemini#clientClaude()}:
 * {@code ClaudeToGeminiRequest}, {@code GeminiToClaudeResponse}, {@code GeminiToClaudeStream}) and a
 * Gemini client served by a Claude upstream ({@link gproxy.translate.claudegemini.ClaudeGemini#clientGemini()}:
 * {@code GeminiToClaudeRequest}, {@code ClaudeToGeminiResponse}, {@code ClaudeToGeminiStream}).
 *
 * <p>Owns: the field-by-field mapping and the small mappers both directions share (stop reasons,
 * usage, media, JSON Schema ↔ Gemini's OpenAPI subset, thinking budgets and signatures, tool ids,
 * structured output by tool forcing). The schema converters, the field-name normaliser and the JSON
 * readers are copies of {@code gproxy.translate.geminichat}'s, kept here so neither pair reaches into
 * the other's package-private code.
 *
 * <p>Does not: pick the Gemini URL (model and {@code :streamGenerateContent?alt=sse} are the
 * channel's), frame Gemini's JSON-array streams (the relay does), or keep state beyond one stream.
 *
 * <p>Both vendors sign their thinking and want the signature back. Claude signs a thinking block,
 * which Claude clients echo; Gemini signs parts, function calls above all, and Gemini clients echo
 * parts. So a Claude signature is a thought part's {@code thoughtSignature} and back, and a Gemini
 * function call's signature (and id, which Gemini mostly omits) rides inside the Claude
 * {@code tool_use} id we issue ({@link gproxy.translate.claudegemini.ToolIds}).
 */
package gproxy.translate.claudegemini;
