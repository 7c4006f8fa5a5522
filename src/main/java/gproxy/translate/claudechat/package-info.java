/**
 * The two ordered pairs between Anthropic Messages and OpenAI Chat Completions, request, response
 * and stream each: a Claude client served by an OpenAI Chat upstream ({@code ClaudeToOpenAiChatRequest},
 * {@code OpenAiChatToClaudeResponse}, {@code OpenAiChatToClaudeStream}), and an OpenAI Chat client
 * served by a Claude upstream ({@code OpenAiChatToClaudeRequest}, {@code ClaudeToOpenAiChatResponse},
 * {@code ClaudeToOpenAiChatStream}). {@link gproxy.translate.claudechat.ClaudeChatPairs} hands both
 * to the registry.
 *
 * <p>Owns: the field-by-field mapping, the small shared mappers (stop reasons, token usage,
 * thinking/reasoning, media, structured output, cache markers) and the choices where the two
 * dialects disagree. Each choice is written where it is made and declared, with its verdict, by the
 * golden tests that feed {@code docs/translation-matrix.md}.
 *
 * <p>Does not: talk to upstreams, know providers or credentials, or apply rule sets (a channel that
 * needs a vendor quirk, such as DeepSeek's echoed {@code reasoning_content}, adds it after this).
 * Works on Jackson trees rather than wire records on purpose: both dialects grow fields every month,
 * and a converter that models only what it maps cannot crash on what it does not know.
 */
package gproxy.translate.claudechat;
