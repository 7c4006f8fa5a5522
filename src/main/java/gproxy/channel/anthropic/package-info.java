/**
 * Anthropic's Messages API: the {@code claudeapi} channel (v2's id; v1's {@code anthropic} is kept as
 * an alias). Owns the Messages, token-count and model paths and the {@code x-api-key} /
 * {@code anthropic-version} convention.
 *
 * <p>Refuses OAuth and session channels on Anthropic's consumer products ({@code claudecode},
 * {@code claudeweb}): they are not built yet, so they are not registered.
 */
package gproxy.channel.anthropic;
