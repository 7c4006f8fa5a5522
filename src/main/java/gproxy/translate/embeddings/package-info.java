/**
 * Embeddings between OpenAI {@code /v1/embeddings} and Gemini {@code :embedContent} /
 * {@code :batchEmbedContents}, request and answer. Per-request converters (the answer's shape follows
 * the request's). Does not bill: settlement reads the upstream's usage, or estimates the input when
 * Gemini reports none.
 */
package gproxy.translate.embeddings;
