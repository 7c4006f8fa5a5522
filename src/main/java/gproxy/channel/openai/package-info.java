/**
 * OpenAI and the OpenAI-compatible upstreams: {@code openai} and its compatible presets (DeepSeek,
 * Groq, OpenRouter, NVIDIA, xAI, GLM, Kimi, MiniMax, Vercel), each one {@link gproxy.channel.openai.Preset}
 * row rather than a class; {@code azure} (deployment-scoped URLs, {@code api-key}); and {@code custom}
 * (any base URL, the dialects the operator declares).
 *
 * <p>Owns base URLs, path conventions and which dialects each upstream speaks natively. Refuses
 * OAuth and CLI-impersonation channels (codex and friends): they are not built yet, so they are not
 * registered.
 */
package gproxy.channel.openai;
