/**
 * Gemini {@code generateContent} ↔ OpenAI Chat Completions, both ordered pairs: a Gemini client served
 * by an OpenAI Chat upstream ({@link gproxy.translate.geminichat.GeminiChat#clientGemini()}) and an
 * OpenAI Chat client served by a Gemini upstream ({@link gproxy.translate.geminichat.GeminiChat#clientOpenAiChat()}).
 *
 * <p>Owns: the request, response and stream converters of both directions and the small mappers they
 * share (finish reasons, usage, JSON Schema ↔ Gemini's OpenAPI subset, thinking budgets, tool call ids,
 * media parts, the derived {@code prompt_cache_key}).
 *
 * <p>Does not: pick the Gemini URL (model and {@code :streamGenerateContent?alt=sse} are the channel's),
 * frame Gemini's JSON-array streams (the relay does), or keep any state beyond one stream.
 *
 * <p>Gemini has no tool call ids of its own in most answers, and Gemini 3 wants each function call's
 * {@code thoughtSignature} back on the next turn. Both travel inside the OpenAI tool call id we hand
 * out ({@link gproxy.translate.geminichat.ToolCallIds}), because the id is the one thing every Chat
 * client echoes back verbatim.
 */
package gproxy.translate.geminichat;
