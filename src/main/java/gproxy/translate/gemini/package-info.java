/**
 * Gemini wire helpers shared by every pair that converts to or from Gemini generateContent
 * ({@code geminichat}, {@code claudegemini}, {@code responsesgemini}): JSON Schema to and from
 * Gemini's schema subset, snake_case to camelCase field names, strict JSON parsing of function
 * arguments, and media parts (data URLs, MIME guesses).
 */
package gproxy.translate.gemini;
