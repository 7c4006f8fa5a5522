/**
 * Count tokens across the vendor families: Claude {@code /v1/messages/count_tokens}, Gemini
 * {@code :countTokens} and OpenAI {@code /v1/responses/input_tokens}, converted pairwise on top of the
 * content converters (a count body is a generation request). Does not count anything itself: the
 * gateway's own count (routing rule {@code local}) is the billing tokenizer's.
 */
package gproxy.translate.tokens;
