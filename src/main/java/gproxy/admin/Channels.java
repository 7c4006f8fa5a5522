package gproxy.admin;

import java.util.Set;

/**
 * The channel ids a provider may name (GPROXY v2 built-ins, features §4.1): the documented table
 * plus the ids the v2 source tree ships, so v2 configurations keep working.
 */
final class Channels {
    static final Set<String> KNOWN = Set.of(
            "openai", "custom", "openrouter", "deepseek", "groq", "nvidia", "vercel", "claudeapi",
            "aistudio", "vertex", "vertexexpress", "codex", "claudecode", "geminicli", "antigravity",
            "grokbuild", "kiro", "copilotcli", "chatgpt",
            "azure", "aws_bedrock", "claudeweb", "cline", "cloudflare_ai_gateway");

    private Channels() {
    }
}
