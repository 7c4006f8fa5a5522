import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, shownOnce, inlineEdit } from './ui.js';
import { usagePage } from './usage.js';
import { windowCells, limitText } from './limits.js';

const scopeText = r => `${r.scope}${r.scope === 'user' ? ' (you)' : ` ${r.scope_id}`}`;

async function keys(main) {
  const list = h('div', { id: 'my-keys' });
  const once = h('div', {});
  const status = h('p', { role: 'status', class: 'note', id: 'my-keys-note' });
  const save = (k, patch) => api(`/user/keys/${k.id}`, { method: 'PATCH', body: patch });
  const done = (text, ok) => { status.textContent = text; status.className = `note ${ok ? 'ok' : 'error'}`; refresh(); };
  const toggle = k => button(k.enabled === false ? 'Enable' : 'Disable', async () => {
    try { await save(k, { enabled: k.enabled === false }); refresh(); } catch (e) { done(e.message, false); }
  }, 'secondary');
  const refresh = () => load(list, () => api('/user/keys'), data => table(rows(data), [
    ['Id', k => k.id], ['Label', k => k.label], ['Key', k => k.api_key_preview], ['Enabled', k => (k.enabled !== false ? 'yes' : 'no')],
  ], k => [
    inlineEdit('Rename', k.label, async label => { await save(k, { label }); refresh(); }, { id: `rename-my-key-${k.id}` }),
    toggle(k),
    button('Delete', () => confirmDelete(`/user/keys/${k.id}`, `key ${k.label || k.id}`, refresh), 'danger'),
  ], { batch: { label: k => k.label || `key ${k.id}`, done, actions: [
    { label: 'Enable', run: k => save(k, { enabled: true }) }, { label: 'Disable', run: k => save(k, { enabled: false }) },
    { label: 'Delete', cls: 'danger', confirm: true, run: k => api(`/user/keys/${k.id}`, { method: 'DELETE' }) }] } }));
  const editor = form([{ name: 'label', label: 'Label' }], async values => {
    const created = await api('/user/keys', { method: 'POST', body: values });
    once.replaceChildren(shownOnce(`Key ${created.label || created.id}`, created.api_key));
    editor.reset(); refresh();
  }, { id: 'form-my-key', submitLabel: 'Create key' });
  main.append(h('h1', {}, 'My keys'), card('New key', editor.form, once), card(null, status, list));
  await refresh();
}

async function quota(main) {
  const q = h('div', { id: 'my-quota' });
  const r = h('div', { id: 'my-limits' });
  const p = h('div', { id: 'my-models' });
  main.append(h('h1', {}, 'Quota, limits and models'), card('Quotas (spent / limit per window)', q), card('Rate limits', r),
    card('Allowed models', h('p', { class: 'hint' }, 'Route names and provider/model names matching one of these patterns; * matches anything.'), p));
  await Promise.all([
    load(q, () => api('/user/quota'), d => table(rows(d), [['Applies to', scopeText], ['Windows', windowCells]])),
    load(r, () => api('/user/rate-limits'), d => table(rows(d), [['Applies to', scopeText], ['Route pattern', x => x.route_pattern], ['Limits', limitText]])),
    load(p, () => api('/user/route-permissions'), d => (rows(d).length
      ? h('ul', { class: 'models' }, ...rows(d).map(x => h('li', {}, h('code', {}, x.route_pattern), ` (${scopeText(x)})`)))
      : h('p', {}, 'No model is permitted yet; ask an administrator.'))),
  ]);
}

function connect(main) {
  const o = location.origin;
  const snippet = (title, text) => {
    const copy = button('Copy', async () => {
      try { await navigator.clipboard.writeText(text); copy.textContent = 'Copied'; } catch { copy.textContent = 'Select and copy'; }
    }, 'secondary');
    return card(title, h('pre', {}, text), copy);
  };
  main.append(h('h1', {}, 'Connect'),
    card('This gateway', h('dl', { class: 'facts' }, h('dt', {}, 'OpenAI base URL'), h('dd', {}, h('code', {}, `${o}/v1`)),
      h('dt', {}, 'Anthropic base URL'), h('dd', {}, h('code', {}, o)), h('dt', {}, 'Gemini base URL'), h('dd', {}, h('code', {}, o))),
    h('p', {}, 'Use one of your keys as the API key (export GPROXY_KEY=sk-…); the model is a route name or provider/model.')),
    snippet('curl (OpenAI format)', `curl ${o}/v1/chat/completions \\\n  -H "Authorization: Bearer $GPROXY_KEY" -H "content-type: application/json" \\\n  -d '{"model":"MODEL","messages":[{"role":"user","content":"Hello"}]}'`),
    snippet('curl (Anthropic format)', `curl ${o}/v1/messages \\\n  -H "x-api-key: $GPROXY_KEY" -H "anthropic-version: 2023-06-01" -H "content-type: application/json" \\\n  -d '{"model":"MODEL","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}'`),
    snippet('OpenAI SDK (Python)', `import os\nfrom openai import OpenAI\nclient = OpenAI(base_url="${o}/v1", api_key=os.environ["GPROXY_KEY"])\nprint(client.chat.completions.create(model="MODEL", messages=[{"role": "user", "content": "Hello"}]).choices[0].message.content)`),
    snippet('Anthropic SDK (Python)', `import os, anthropic\nclient = anthropic.Anthropic(base_url="${o}", api_key=os.environ["GPROXY_KEY"])\nprint(client.messages.create(model="MODEL", max_tokens=256, messages=[{"role": "user", "content": "Hello"}]).content[0].text)`),
    snippet('Gemini SDK (Python, google-genai)', `import os\nfrom google import genai\nclient = genai.Client(api_key=os.environ["GPROXY_KEY"], http_options={"base_url": "${o}"})\nprint(client.models.generate_content(model="MODEL", contents="Hello").text)`));
}

function password(main) {
  const editor = form([{ name: 'current_password', label: 'Current password', type: 'password', required: true }, { name: 'new_password', label: 'New password (8+ characters)', type: 'password', required: true }],
    values => api('/user/change-password', { method: 'POST', body: values }), { id: 'form-password', submitLabel: 'Change password' });
  main.append(h('h1', {}, 'Change password'), card(null, editor.form));
}

export const portalPages = [
  ['keys', 'My keys', keys], ['usage', 'Usage', main => usagePage(main, '/user')], ['quota', 'Quota & models', quota],
  ['connect', 'Connect', connect], ['password', 'Password', password],
];
