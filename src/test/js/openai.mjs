// The official OpenAI SDK, unmodified but for its base URL: node openai.mjs <case>
import OpenAI from 'openai';
import { env, run } from './common.mjs';

const client = new OpenAI({ baseURL: env('GPROXY_BASE_URL'), apiKey: env('GPROXY_API_KEY'), maxRetries: 0 });
const model = env('GPROXY_MODEL');
const messages = [{ role: 'user', content: 'hi' }];

await run({
  async chat() {
    const completion = await client.chat.completions.create({ model, messages });
    return { text: completion.choices[0].message.content, usage: completion.usage };
  },
  async 'chat-stream'() {
    const stream = await client.chat.completions.create({
      model, messages, stream: true, stream_options: { include_usage: true } });
    const deltas = [];
    let usage = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) deltas.push(delta);
      if (chunk.usage) usage = chunk.usage;
    }
    return { text: deltas.join(''), chunks: deltas.length, usage };
  },
  async responses() {
    const response = await client.responses.create({ model, input: 'hi' });
    return { text: response.output_text, usage: response.usage };
  },
  async 'responses-stream'() {
    const stream = await client.responses.create({ model, input: 'hi', stream: true });
    const deltas = [];
    let usage = null;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') deltas.push(event.delta);
      if (event.type === 'response.completed') usage = event.response.usage;
    }
    return { text: deltas.join(''), chunks: deltas.length, usage };
  },
  async embeddings() {
    const result = await client.embeddings.create({ model, input: 'hi', encoding_format: 'float' });
    return { embedding: result.data[0].embedding, usage: result.usage };
  },
  async models() {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    const one = await client.models.retrieve(model);
    return { ids, retrieved: one.id };
  },
}, (e) => e instanceof OpenAI.APIError && {
  class: e.constructor.name, status: e.status, message: e.message, code: e.code, type: e.type,
  requestId: e.requestID, gatewayRequestId: e.headers?.get('x-gproxy-request-id'),
});
