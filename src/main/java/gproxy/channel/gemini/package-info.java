/**
 * Google's Gemini API (AI Studio): the {@code aistudio} channel. Owns the {@code /v1beta} paths with
 * the model in the path, SSE streaming ({@code alt=sse}), {@code x-goog-api-key}, and the
 * {@code /v1beta/openai} compatibility layer for OpenAI Chat Completions.
 *
 * <p>Refuses the key in the query string ({@code ?key=}): URLs end up in logs. Refuses Vertex and the
 * Code Assist channels ({@code vertex}, {@code vertexexpress}, {@code geminicli}, {@code antigravity}):
 * they are not built yet, so they are not registered.
 */
package gproxy.channel.gemini;
