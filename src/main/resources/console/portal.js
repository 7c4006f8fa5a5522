import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, shownOnce } from './ui.js';
import { usagePage } from './usage.js';

async function keys(main) {
  const list = h('div', { id: 'my-keys' });
  const once = h('div', {});
  const refresh = () => load(list, () => api('/user/keys'), data => table(rows(data), [['Id', k => k.id], ['Label', k => k.label], ['Enabled', k => (k.enabled !== false ? 'yes' : 'no')]], k => [
    button('Rename', async () => { const label = prompt('Label', k.label || ''); if (label !== null) { await api(`/user/keys/${k.id}`, { method: 'PATCH', body: { label } }); refresh(); } }, 'secondary'),
    button(k.enabled === false ? 'Enable' : 'Disable', async () => { await api(`/user/keys/${k.id}`, { method: 'PATCH', body: { enabled: k.enabled === false } }); refresh(); }, 'secondary'),
    button('Delete', () => confirmDelete(`/user/keys/${k.id}`, `key ${k.label || k.id}`, refresh), 'danger'),
  ]));
  const editor = form([{ name: 'label', label: 'Label' }], async values => {
    const created = await api('/user/keys', { method: 'POST', body: values });
    once.replaceChildren(shownOnce(`Key ${created.label || created.id}`, created.api_key));
    editor.reset(); refresh();
  }, { id: 'form-my-key', submitLabel: 'Create key' });
  main.append(h('h1', {}, 'My keys'), card('New key', editor.form, once), card(null, list));
  refresh();
}

async function quota(main) {
  const q = h('div', { id: 'my-quota' });
  const r = h('div', {});
  main.append(h('h1', {}, 'Quota and limits'), card('Quotas', q), card('Rate limits', r));
  await Promise.all([
    load(q, () => api('/user/quota'), d => table(rows(d), [['Scope', x => x.scope], ['Total (USD)', x => x.quota_total ?? x.total], ['Used (USD)', x => x.used ?? x.spend]])),
    load(r, () => api('/user/rate-limits'), d => table(rows(d), [['Scope', x => x.scope], ['Route', x => x.route_pattern], ['RPM', x => x.rpm], ['RPD', x => x.rpd]])),
  ]);
}

function connect(main) {
  const o = location.origin;
  const snippet = (title, text) => card(title, h('pre', {}, text));
  main.append(h('h1', {}, 'Connect'), h('p', {}, 'Use one of your keys as the API key; the model is a route name or provider/model.'),
    snippet('curl (OpenAI format)', `curl ${o}/v1/chat/completions \\\n  -H "Authorization: Bearer $GPROXY_KEY" -H "content-type: application/json" \\\n  -d '{"model":"MODEL","messages":[{"role":"user","content":"Hello"}]}'`),
    snippet('OpenAI SDK (Python)', `from openai import OpenAI\nclient = OpenAI(base_url="${o}/v1", api_key=GPROXY_KEY)\nclient.chat.completions.create(model="MODEL", messages=[{"role": "user", "content": "Hello"}])`),
    snippet('Anthropic SDK (Python)', `import anthropic\nclient = anthropic.Anthropic(base_url="${o}", api_key=GPROXY_KEY)\nclient.messages.create(model="MODEL", max_tokens=256, messages=[{"role": "user", "content": "Hello"}])`),
    snippet('Gemini SDK (Python)', `from google import genai\nclient = genai.Client(api_key=GPROXY_KEY, http_options={"base_url": "${o}"})\nclient.models.generate_content(model="MODEL", contents="Hello")`));
}

function password(main) {
  const editor = form([{ name: 'current_password', label: 'Current password', type: 'password', required: true }, { name: 'new_password', label: 'New password (8+ characters)', type: 'password', required: true }],
    values => api('/user/change-password', { method: 'POST', body: values }), { id: 'form-password', submitLabel: 'Change password' });
  main.append(h('h1', {}, 'Change password'), card(null, editor.form));
}

export const portalPages = [
  ['keys', 'My keys', keys], ['usage', 'Usage', main => usagePage(main, '/user')], ['quota', 'Quota', quota],
  ['connect', 'Connect', connect], ['password', 'Password', password],
];
