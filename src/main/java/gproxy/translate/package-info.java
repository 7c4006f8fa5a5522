/**
 * Pairwise conversion between the four content dialects (OpenAI Chat Completions, OpenAI Responses,
 * Anthropic Messages, Gemini generateContent), with no pivot format: each ordered pair has its own
 * request, response and stream converters, registered in {@link gproxy.translate.Translations}.
 * The other operations convert between the three vendor families (count tokens, model list/get,
 * embeddings; sub-packages {@code tokens}, {@code models}, {@code embeddings}); the engine asks
 * {@link gproxy.translate.OperationTranslations} for either kind, once per request.
 *
 * <p>Pure: bytes in, bytes out, no I/O, no knowledge of providers, credentials or routing. Stream
 * converters are stateful per stream; a relay opens one with
 * {@link gproxy.translate.Translation#stream(gproxy.translate.TranslationContext)}, which puts it under the
 * client's view ({@link gproxy.translate.ClientEvents}: the client's model name, usage only where the
 * client takes it). {@code gproxy.translate.synthetic} makes a client's stream of one whole answer.
 * What a pair carries, approximates or drops is recorded by the
 * golden tests in {@code docs/translation-matrix.md}.
 */
package gproxy.translate;
