// Rule sets: the sets and their rules, presets, attachments to providers, and the prompt-cache view.
import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, errorBox } from './ui.js';

const KINDS = {
  system_text: { text: 'You are a careful assistant.', position: 'append' },
  cache_breakpoint: { target: 'system', ttl: '5m' },
  rewrite: { path: 'max_tokens', action: 'set', value_json: 1024 },
  transform: { phase: 'request', locate: { path: 'messages.*.content' }, actions: [{ op: 'replace_regex', pattern: 'secret-\\d+', with: '[redacted]' }] },
  header: { name: 'anthropic-beta', value: 'extended-cache-ttl-2025-04-11', mode: 'merge' },
};
const yesNo = v => (v ? 'yes' : 'no');
const percent = v => `${(100 * (v || 0)).toFixed(1)} %`;
const isoDay = t => new Date(t).toISOString().slice(0, 10);
const config = r => (typeof r.config_json === 'string' ? r.config_json : JSON.stringify(r.config_json));

/** The rule-sets page: presets, sets, the selected set's rules, provider attachments, cache hit rates. */
export async function ruleSetsPage(main) {
  const [providers, routes, presets] = await Promise.all([api('/admin/providers').then(rows), api('/admin/routes').then(rows),
    api('/admin/rule-presets').then(rows)]);
  const state = { sets: [] };
  const rules = h('div', { id: 'rules' });
  const setList = h('div', { id: 'rule-set-list' });
  const attachments = h('div', { id: 'attachments' });
  const refreshSets = () => load(setList, () => api('/admin/rule-sets'), data => {
    state.sets = rows(data);
    attach.refresh();
    return table(state.sets, [['Id', s => s.id], ['Name', s => s.name], ['Description', s => s.description], ['Enabled', s => yesNo(s.enabled !== false)]], s => [
      button('Rules', () => ruleEditor(rules, s), 'secondary'),
      button('Edit', () => setForm.fill(s), 'secondary'),
      button('Delete', () => confirmDelete(`/admin/rule-sets/${s.id}`, `rule set ${s.name}`, refreshSets), 'danger'),
    ]);
  });
  const setForm = form([
    { name: 'name', label: 'Name', required: true }, { name: 'description', label: 'Description' },
    { name: 'enabled', label: 'Enabled', type: 'checkbox', checked: true },
  ], async values => { await api('/admin/rule-sets', { method: 'POST', body: values }); setForm.reset(); refreshSets(); }, { id: 'form-rule-set', submitLabel: 'Save rule set' });
  const attach = attachmentEditor(attachments, providers, state);
  main.append(h('h1', {}, 'Rule sets'),
    presetCard(presets, providers, refreshSets),
    card('Rule set', setForm.form), card(null, setList), rules,
    card('Attached to providers', attachments),
    cacheSettings(providers, routes),
    cacheView(providers));
  await refreshSets();
}

function presetCard(presets, providers, after) {
  const provider = h('select', { id: 'preset-provider' }, h('option', { value: '' }, '— no provider —'),
    ...providers.map(p => h('option', { value: p.id }, p.name)));
  const status = h('p', { id: 'preset-status', role: 'status' });
  const apply = async preset => {
    status.textContent = 'Applying…';
    try {
      const path = provider.value ? `/admin/providers/${provider.value}/rule-presets/${preset.id}` : `/admin/rule-presets/${preset.id}`;
      const done = await api(path, { method: 'POST' });
      const where = provider.value ? ` and attached to ${provider.selectedOptions[0].textContent}` : '';
      status.textContent = `Rule set "${done.rule_set.name}" has ${done.rules.length} rule(s)${where}.`;
      after();
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  };
  return card('Presets',
    h('p', {}, 'A preset creates (or refreshes) the rule set "<preset> compatibility"; with a provider chosen it is also attached to it.'),
    h('label', { for: 'preset-provider' }, 'Attach to provider', provider),
    table(presets, [['Preset', p => p.name], ['What it does', p => p.description], ['Rules', p => p.rules.length]],
      p => [h('button', { type: 'button', id: `preset-apply-${p.id}`, onclick: () => apply(p) }, 'Apply')]),
    status);
}

function ruleEditor(node, set) {
  const path = `/admin/rule-sets/${set.id}/rules`;
  const list = h('div', { id: 'rule-list' });
  const hint = h('p', { id: 'rule-kind-hint', class: 'hint' });
  const refresh = () => load(list, () => api(path), data => table(rows(data).sort((a, b) => (a.sort_order - b.sort_order) || (a.id - b.id)), [
    ['Order', r => r.sort_order], ['Kind', r => r.kind], ['Enabled', r => yesNo(r.enabled !== false)], ['Model', r => r.filter_model_pattern],
    ['Operations', r => r.filter_operation_keys], ['Headers', r => r.filter_header_pattern], ['Config', r => h('code', {}, config(r))],
  ], r => [button('Edit', () => { editor.fill(r); configInput.dataset.touched = '1'; showKind(false); }, 'secondary'), button('Delete', () => confirmDelete(`/admin/rules/${r.id}`, `${r.kind} rule`, refresh), 'danger')]));
  const editor = form([
    { name: 'kind', label: 'Kind', type: 'select', options: Object.keys(KINDS) },
    { name: 'config_json', label: 'Config (JSON)', type: 'json', value: JSON.stringify(KINDS.system_text) },
    { name: 'filter_model_pattern', label: 'Upstream model glob', placeholder: 'claude-*' },
    { name: 'filter_operation_keys', label: 'Operations (comma list)', placeholder: 'generate_content,stream_generate_content' },
    { name: 'filter_header_pattern', label: 'Inbound header regex', placeholder: '^user-agent: opencode/' },
    { name: 'sort_order', label: 'Order', type: 'number', value: 0 },
    { name: 'enabled', label: 'Enabled', type: 'checkbox', checked: true },
  ], async values => { await api(path, { method: 'POST', body: values }); editor.reset(); showKind(); refresh(); }, { id: 'form-rule', submitLabel: 'Save rule' });
  const kind = editor.form.querySelector('[name=kind]');
  const configInput = editor.form.querySelector('[name=config_json]');
  const showKind = (fillSample = true) => {
    const sample = JSON.stringify(KINDS[kind.value]);
    hint.textContent = `Example: ${sample}`;
    if (fillSample) configInput.value = sample;
  };
  kind.addEventListener('change', () => showKind(!configInput.dataset.touched));
  configInput.addEventListener('input', () => { configInput.dataset.touched = '1'; });
  editor.form.addEventListener('reset', () => setTimeout(() => { delete configInput.dataset.touched; showKind(); }));
  node.replaceChildren(card(`Rules of ${set.name}`, h('p', {}, 'Rules run after conversion, on the upstream shape, by kind: system_text → cache_breakpoint → rewrite → transform → header. The API checks the config on save.'),
    editor.form, hint, list));
  showKind();
  refresh();
}

function attachmentEditor(node, providers, state) {
  const provider = h('select', { id: 'attach-provider' }, ...providers.map(p => h('option', { value: p.id }, p.name)));
  const list = h('div', { id: 'attachment-list' });
  const slot = h('div', {});
  const path = () => `/admin/providers/${provider.value}/rule-sets`;
  const setName = id => (state.sets.find(s => s.id === id) || {}).name || id;
  const refresh = () => {
    if (!provider.value) { list.replaceChildren(h('p', {}, 'No provider yet.')); return; }
    const editor = form([
      { name: 'rule_set_id', label: 'Rule set', type: 'select', options: state.sets.map(s => ({ value: s.id, label: s.name })) },
      { name: 'sort_order', label: 'Order', type: 'number', value: 0 },
      { name: 'enabled', label: 'Enabled', type: 'checkbox', checked: true },
    ], async values => { values.rule_set_id = Number(values.rule_set_id); await api(path(), { method: 'POST', body: values }); refresh(); }, { id: 'form-attachment', submitLabel: 'Attach' });
    slot.replaceChildren(editor.form);
    load(list, () => api(path()), data => table(rows(data).sort((a, b) => (a.sort_order - b.sort_order) || (a.id - b.id)), [
      ['Order', a => a.sort_order], ['Rule set', a => setName(a.rule_set_id)], ['Enabled', a => yesNo(a.enabled !== false)],
    ], a => [
      button('Edit', () => editor.fill(a), 'secondary'),
      button(a.enabled === false ? 'Enable' : 'Disable', async () => { await api(path(), { method: 'POST', body: { id: a.id, enabled: a.enabled === false } }); refresh(); }, 'secondary'),
      button('Detach', () => confirmDelete(`/admin/provider-rule-sets/${a.id}`, `attachment of ${setName(a.rule_set_id)}`, refresh), 'danger'),
    ]));
  };
  provider.addEventListener('change', refresh);
  node.replaceChildren(h('label', { for: 'attach-provider' }, 'Provider', provider), slot, list);
  return { refresh };
}

/** Magic strings (providers) and prompt-cache affinity (providers and routes), merged into settings_json. */
function cacheSettings(providers, routes) {
  const targets = [...providers.map(p => ({ key: `providers:${p.id}`, label: `provider ${p.name}`, row: p })),
    ...routes.map(r => ({ key: `routes:${r.id}`, label: `route ${r.name}`, row: r }))];
  if (!targets.length) return card('Prompt-cache settings', h('p', {}, 'No provider or route yet.'));
  const target = h('select', { id: 'cache-target' }, ...targets.map(t => h('option', { value: t.key }, t.label)));
  const magic = h('input', { id: 'cache-magic', type: 'checkbox' });
  const magicTtl = h('select', { id: 'cache-magic-ttl' }, h('option', { value: '5m' }, '5m'), h('option', { value: '1h' }, '1h'));
  const affinity = h('input', { id: 'cache-affinity', type: 'checkbox' });
  const ttl = h('input', { id: 'cache-affinity-ttl', type: 'number', min: 1, placeholder: '3600' });
  const status = h('span', { id: 'cache-settings-status', role: 'status' });
  const current = () => targets.find(t => t.key === target.value);
  const settings = t => (t.row.settings_json && typeof t.row.settings_json === 'object' ? t.row.settings_json : {});
  const fill = () => {
    const s = settings(current());
    const isProvider = current().key.startsWith('providers:');
    magic.checked = !!s.enable_magic_cache; magic.disabled = !isProvider; magicTtl.value = s.magic_cache_ttl || '5m'; magicTtl.disabled = !isProvider;
    affinity.checked = s.affinity === true || (typeof s.affinity === 'object' && s.affinity.enabled !== false);
    ttl.value = (s.affinity && s.affinity.ttl_seconds) || '';
    status.textContent = '';
  };
  const el = h('form', { class: 'grid', id: 'form-cache-settings' },
    h('label', { for: 'cache-target' }, 'Provider or route', target),
    h('label', { for: 'cache-magic' }, 'Magic cache strings', magic), h('label', { for: 'cache-magic-ttl' }, 'Magic default TTL', magicTtl),
    h('label', { for: 'cache-affinity' }, 'Conversation affinity', affinity), h('label', { for: 'cache-affinity-ttl' }, 'Affinity TTL (s)', ttl),
    h('div', {}, h('button', { type: 'submit' }, 'Save'), ' ', status));
  el.addEventListener('submit', async ev => {
    ev.preventDefault();
    const t = current();
    const next = { ...settings(t), affinity: affinity.checked ? (ttl.value ? { ttl_seconds: Number(ttl.value) } : true) : false };
    if (t.key.startsWith('providers:')) Object.assign(next, { enable_magic_cache: magic.checked, magic_cache_ttl: magicTtl.value });
    try {
      t.row = await api(`/admin/${t.key.split(':')[0]}`, { method: 'POST', body: { id: t.row.id, settings_json: next } });
      status.textContent = 'Saved'; status.className = 'ok';
    } catch (e) {
      status.textContent = e.message; status.className = 'error';
    }
  });
  target.addEventListener('change', fill);
  fill();
  return card('Prompt-cache settings', h('p', {}, 'Magic strings turn the trigger strings in a message into cache markers; affinity keeps a conversation on the target that served it.'), el);
}

function cacheView(providers) {
  const names = new Map(providers.map(p => [p.id, p.name]));
  const from = h('input', { id: 'cache-from', type: 'date', value: isoDay(Date.now() - 6 * 86400000) });
  const to = h('input', { id: 'cache-to', type: 'date', value: isoDay(Date.now()) });
  const byProvider = h('div', { id: 'cache-by-provider' });
  const byModel = h('div', { id: 'cache-by-model' });
  const columns = first => [first, ['Requests', g => g.requests], ['Prompt tokens', g => g.prompt_tokens], ['Cache reads', g => g.cache_read_tokens],
    ['Cache writes', g => g.cache_creation_5m_tokens + g.cache_creation_30m_tokens + g.cache_creation_1h_tokens], ['Hit rate', g => percent(g.cache_hit_rate)]];
  const provider = ['Provider', g => names.get(g.provider_id) || g.provider_id || '—'];
  const show = () => {
    const range = `at_from=${Math.floor(Date.parse(from.value) / 1000)}&at_to=${Math.floor(Date.parse(to.value) / 1000) + 86400}`;
    return Promise.all([
      load(byProvider, () => api(`/admin/usage-summary?${range}&group_by=provider`), d => table(d.groups, columns(provider))),
      load(byModel, () => api(`/admin/usage-summary?${range}&group_by=provider,model`), d => table(d.groups, [provider, ...columns(['Model', g => g.model])])),
    ]);
  };
  const controls = h('form', { class: 'grid', id: 'cache-form' }, h('label', { for: 'cache-from' }, 'From', from), h('label', { for: 'cache-to' }, 'To', to),
    h('div', {}, h('button', { type: 'submit' }, 'Show')));
  controls.addEventListener('submit', ev => { ev.preventDefault(); show(); });
  show();
  return card('Prompt cache', h('p', {}, 'Hit rate = cache read tokens / prompt tokens (uncached input + cache reads + cache writes).'),
    controls, h('h3', {}, 'Per provider'), byProvider, h('h3', {}, 'Per provider and model'), byModel);
}
