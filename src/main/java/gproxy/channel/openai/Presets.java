package gproxy.channel.openai;

import static gproxy.channel.openai.Preset.Capability.COUNT_TOKENS;
import static gproxy.channel.openai.Preset.Capability.EMBEDDINGS;
import static gproxy.channel.openai.Preset.Capability.IMAGES;
import static gproxy.channel.openai.Preset.Capability.MODELS;
import static gproxy.channel.openai.Preset.chatOnly;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import gproxy.protocol.Kind;

/**
 * The OpenAI-compatible built-ins. Base URLs are the vendors' documented OpenAI base URL minus its
 * trailing {@code /v1}, so that {@code base_url} means the same thing for every channel: an origin
 * (plus a path prefix) below which the channel writes the native path.
 */
final class Presets {

    static final List<Preset> ALL = List.of(
            // platform.openai.com API reference; v2 channel source. Claude and Gemini convert to
            // Responses, the richer of the two native dialects (v2 matrix).
            new Preset("openai", "OpenAI", "https://api.openai.com", "/v1",
                    List.of(Kind.OPENAI_RESPONSES, Kind.OPENAI_CHAT), Optional.empty(),
                    Set.of(MODELS, COUNT_TOKENS, EMBEDDINGS, IMAGES)),
            // api-docs.deepseek.com: OpenAI surface at the root (the /v1 alias is optional), Anthropic
            // surface under /anthropic (v2 passes Claude Messages through). No Responses.
            new Preset("deepseek", "DeepSeek", "https://api.deepseek.com", "",
                    List.of(Kind.OPENAI_CHAT, Kind.CLAUDE_MESSAGES), Optional.of("/anthropic/v1"), Set.of(MODELS)),
            // Groq docs: OpenAI base https://api.groq.com/openai/v1.
            chatOnly("groq", "Groq", "https://api.groq.com/openai", "/v1", MODELS),
            // OpenRouter docs: https://openrouter.ai/api/v1.
            chatOnly("openrouter", "OpenRouter", "https://openrouter.ai/api", "/v1", MODELS),
            // NVIDIA API catalog (NIM): https://integrate.api.nvidia.com/v1.
            chatOnly("nvidia", "NVIDIA NIM", "https://integrate.api.nvidia.com", "/v1", MODELS),
            // xAI docs: https://api.x.ai/v1, Chat Completions and Responses.
            new Preset("xai", "xAI", "https://api.x.ai", "/v1", List.of(Kind.OPENAI_CHAT, Kind.OPENAI_RESPONSES),
                    Optional.empty(), Set.of(MODELS)),
            // Zhipu BigModel: https://open.bigmodel.cn/api/paas/v4/chat/completions (the version is in
            // the base URL; international accounts use https://api.z.ai/api/paas/v4). Whether it has
            // a model list endpoint is not verified, so models are listed locally.
            chatOnly("glm", "GLM (Zhipu)", "https://open.bigmodel.cn/api/paas/v4", ""),
            // Moonshot international platform: https://api.moonshot.ai/v1 (mainland China accounts:
            // https://api.moonshot.cn).
            chatOnly("kimi", "Kimi (Moonshot)", "https://api.moonshot.ai", "/v1", MODELS),
            // MiniMax international: https://api.minimax.io/v1/chat/completions and an Anthropic surface
            // at /anthropic/v1/messages. The model list endpoint
            // follows GPROXY v4's channel, not a vendor page we could read.
            new Preset("minimax", "MiniMax", "https://api.minimax.io", "/v1",
                    List.of(Kind.OPENAI_CHAT, Kind.CLAUDE_MESSAGES), Optional.of("/anthropic/v1"), Set.of(MODELS)),
            // Vercel AI Gateway: models, chat completions and embeddings with a Bearer key (v2).
            chatOnly("vercel", "Vercel AI Gateway", "https://ai-gateway.vercel.sh", "/v1", MODELS, EMBEDDINGS));

    private Presets() {
    }
}
