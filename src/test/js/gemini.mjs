// The official Google Gen AI SDK, unmodified but for its base URL: node gemini.mjs <case>
import { ApiError, GoogleGenAI } from '@google/genai';
import { env, run } from './common.mjs';

const client = new GoogleGenAI({ apiKey: env('GPROXY_API_KEY'), httpOptions: { baseUrl: env('GPROXY_BASE_URL') } });
const model = env('GPROXY_MODEL');

await run({
  async generate() {
    const response = await client.models.generateContent({ model, contents: 'hi' });
    return { text: response.text, usage: response.usageMetadata };
  },
  async 'generate-stream'() {
    const stream = await client.models.generateContentStream({ model, contents: 'hi' });
    const texts = [];
    let usage = null;
    for await (const chunk of stream) {
      if (chunk.text) texts.push(chunk.text);
      if (chunk.usageMetadata) usage = chunk.usageMetadata;
    }
    return { text: texts.join(''), chunks: texts.length, usage };
  },
  async 'count-tokens'() {
    const count = await client.models.countTokens({ model, contents: 'hi' });
    return { totalTokens: count.totalTokens };
  },
  async embed() {
    const result = await client.models.embedContent({ model, contents: ['a', 'b'] });
    return { embeddings: result.embeddings.map((e) => e.values) };
  },
  async models() {
    const names = [];
    for await (const m of await client.models.list()) names.push(m.name);
    const one = await client.models.get({ model });
    return { names, retrieved: one.name };
  },
}, (e) => e instanceof ApiError && { class: e.constructor.name, status: e.status, message: e.message });
