/**
 * OpenAI Responses ↔ OpenAI Chat Completions, both ordered pairs: a Responses client served by a
 * Chat upstream ({@link gproxy.translate.responseschat.ResponsesChat#clientResponses()}) and a Chat
 * client served by a Responses upstream ({@link gproxy.translate.responseschat.ResponsesChat#clientOpenAiChat()}).
 *
 * <p>Owns: the request, response and stream converters of both directions, and what they share:
 * the response envelope, usage, finish reason ↔ status, and the numbered Responses event writer.
 *
 * <p>Does not: keep conversation state. A Chat upstream cannot serve {@code previous_response_id},
 * {@code conversation}, {@code item_reference} or {@code background}; those are 400s naming the
 * field, not silently shorter conversations. Built-in Responses tools (web search, file search,
 * computer use, MCP) have no Chat form and are dropped.
 */
package gproxy.translate.responseschat;
