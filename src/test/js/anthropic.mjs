// The official Anthropic SDK, unmodified but for its base URL: node anthropic.mjs <case>
import Anthropic from '@anthropic-ai/sdk';
import { env, run } from './common.mjs';

const client = new Anthropic({ baseURL: env('GPROXY_BASE_URL'), apiKey: env('GPROXY_API_KEY'), maxRetries: 0 });
const model = env('GPROXY_MODEL');
const messages = [{ role: 'user', content: 'hi' }];

await run({
  async messages() {
    const message = await client.messages.create({ model, max_tokens: 64, messages });
    return { text: message.content[0].text, usage: message.usage };
  },
  async 'messages-stream'() {
    const stream = client.messages.stream({ model, max_tokens: 64, messages });
    const deltas = [];
    stream.on('text', (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    return { text: deltas.join(''), chunks: deltas.length, usage: final.usage };
  },
  async 'count-tokens'() {
    const count = await client.messages.countTokens({ model, messages });
    return { inputTokens: count.input_tokens };
  },
  async models() {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    const one = await client.models.retrieve(model);
    return { ids, retrieved: one.id };
  },
}, (e) => e instanceof Anthropic.APIError && {
  class: e.constructor.name, status: e.status, message: e.message, type: e.error?.error?.type,
  requestId: e.requestID, gatewayRequestId: e.headers?.get('x-gproxy-request-id'),
});
