// Providers: the channel-driven provider form, and per provider its credentials, health, models and routing rules.
import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, tabs, hint, attempt, toggle, keepDefaults } from './ui.js';
import { credentialsTab, healthTab } from './credentials.js';

const yesNo = v => (v ? 'yes' : 'no');
/** Channel metadata controls → form() field types; string lists are edited as a JSON array. */
const CONTROL = { text: 'text', url: 'url', boolean: 'checkbox', integer: 'number', string_list: 'json' };
const IMPLEMENTATIONS = ['passthrough', 'transform_to', 'local', 'unsupported'];

function settingsField(f) {
  const type = CONTROL[f.control] || 'text';
  const shown = f.default == null ? '' : (typeof f.default === 'object' ? JSON.stringify(f.default) : String(f.default));
  return {
    name: `settings_json.${f.name}`, label: `${f.name.replace(/_/g, ' ')}${f.required ? ' (required)' : ''}${type === 'json' ? ' (JSON list)' : ''}`,
    type, required: f.required, checked: type === 'checkbox' && f.default === true, help: f.help,
    placeholder: type === 'checkbox' ? undefined : (shown ? `default: ${shown}` : (type === 'json' ? '["…"]' : undefined)),
  };
}

/** The provider form for one channel: the record's columns, then the settings the channel declares. */
function providerForm(channels, channel, submit) {
  const fields = [
    { name: 'name', label: 'Name', required: true },
    { name: 'channel', label: 'Channel', type: 'select', options: channels.map(c => ({ value: c.id, label: `${c.display_name || c.id} (${c.id})` })), value: channel.id },
    { name: 'label', label: 'Label' },
    { name: 'credential_strategy', label: 'Credential strategy', type: 'select', options: ['round_robin', 'sticky'] },
    { name: 'proxy_url', label: 'Outbound proxy URL', type: 'url', placeholder: 'instance default' },
    ...(channel.settings_fields || []).map(settingsField),
  ];
  const editor = form(fields, submit, { id: 'form-provider', submitLabel: 'Save provider' });
  for (const f of fields) hint(editor.form, `form-provider-${f.name.replace(/[^a-z0-9]/gi, '-')}`, f.help);
  return { editor, fields };
}

export async function providersPage(main) {
  const channels = rows(await api('/admin/channels'));
  const byId = id => channels.find(c => c.id === id || (c.aliases || []).includes(id)) || channels[0];
  const list = h('div', { id: 'provider-list' });
  const detail = h('div', { id: 'provider-detail' });
  const status = h('p', { role: 'status', id: 'providers-status' });
  const formCard = card('New provider');
  let editing = null;

  const render = (channelId, keep = {}) => {
    const channel = byId(channelId);
    const { editor } = providerForm(channels, channel, async values => {
      if (editing) {
        // settings the form does not show (circuit_breaker, tokenizer_map…) are kept; shown ones cleared when empty
        const kept = { ...(editing.settings_json || {}) };
        for (const f of channel.settings_fields || []) delete kept[f.name];
        values.settings_json = { ...kept, ...(values.settings_json || {}) };
      }
      const saved = await api('/admin/providers', { method: 'POST', body: values });
      status.textContent = `Saved provider ${saved.name}`;
      status.className = 'ok';
      editing = null;
      render(channel.id);
      refresh();
    });
    const select = editor.form.querySelector('select[name=channel]');
    select.value = channel.id;
    for (const [k, v] of Object.entries(keep)) editor.form.querySelector(`[name="${k}"]`).value = v;
    select.addEventListener('change', () => {
      const carried = {};
      for (const k of ['name', 'label', 'credential_strategy', 'proxy_url']) carried[k] = editor.form.querySelector(`[name="${k}"]`).value;
      render(select.value, carried);
      formCard.querySelector('select[name=channel]').focus();
    });
    const heading = h('h2', {}, editing ? `Edit provider ${editing.name}` : 'New provider');
    const cancel = editing ? button('Cancel edit', () => { editing = null; render(channel.id); }, 'secondary') : null;
    const base = channel.default_base_url ? h('p', { class: 'hint' }, `${channel.display_name}: default base URL ${channel.default_base_url}; credentials take ${Object.keys(channel.secret_template || {}).join(', ') || 'no secret'}.`) : null;
    formCard.replaceChildren(...[heading, base, editor.form, cancel].filter(Boolean));
    return { editor, select };
  };

  const edit = row => {
    editing = row;
    const channel = byId(row.channel);
    const { editor, select } = render(channel.id);
    const filled = structuredClone(row);
    filled.settings_json = { ...(row.settings_json || {}) };
    for (const f of channel.settings_fields || []) if (f.control === 'boolean' && !(f.name in filled.settings_json)) filled.settings_json[f.name] = f.default === true;
    editor.fill(filled);
    select.disabled = true; // the channel is immutable after create
    formCard.scrollIntoView({ block: 'start' });
  };

  const open = (provider, tab) => {
    const channel = byId(provider.channel);
    const t = tabs([
      { id: 'credentials', label: 'Credentials', render: panel => credentialsTab(panel, provider, channel) },
      { id: 'health', label: 'Health', render: panel => healthTab(panel, provider) },
      { id: 'models', label: 'Models', render: panel => modelsTab(panel, provider) },
      { id: 'routing-rules', label: 'Routing rules', render: panel => routingTab(panel, provider, channel) },
    ], `Provider ${provider.name}`);
    detail.replaceChildren(card(`Provider ${provider.name} (${channel.display_name})`, t.el));
    t.select(tab, true);
  };

  const refresh = () => load(list, () => api('/admin/providers'), data => table(rows(data), [
    ['Id', r => r.id], ['Name', r => r.name], ['Channel', r => r.channel],
    ['Base URL', r => (r.settings_json && r.settings_json.base_url) || `${byId(r.channel).default_base_url || '—'} (default)`],
    ['Strategy', r => r.credential_strategy], ['Enabled', r => yesNo(r.enabled !== false)],
  ], r => [
    button('Edit', () => edit(r), 'secondary'),
    button(r.enabled === false ? 'Enable' : 'Disable', () => toggle('/admin/providers', r, status, refresh), 'secondary'),
    button('Credentials', () => open(r, 'credentials'), 'secondary'),
    button('Health', () => open(r, 'health'), 'secondary'),
    button('Models', () => open(r, 'models'), 'secondary'),
    button('Routing rules', () => open(r, 'routing-rules'), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/providers/${r.id}`, `provider ${r.name}`, () => { detail.replaceChildren(); refresh(); }), 'danger'),
  ]));
  render(channels[0] && channels[0].id);
  main.append(h('h1', {}, 'Providers'), formCard, status, card('Providers', list), detail);
  await refresh();
}

/** Provider models, and the live upstream pull with a pick of what to import. */
function modelsTab(panel, provider) {
  const path = `/admin/providers/${provider.id}/models`;
  const list = h('div', { id: 'provider-models' });
  const pulled = h('div', { id: 'upstream-models' });
  const status = h('p', { role: 'status', id: 'models-status' });
  let known = [];
  const refresh = () => load(list, async () => (known = rows(await api(path))), data => table(data, [
    ['Model', m => m.model_id], ['Display name', m => m.display_name], ['Context', m => m.context_window], ['Max output', m => m.max_output_tokens], ['Enabled', m => yesNo(m.enabled !== false)],
  ], m => [
    button('Edit', () => editor.fill(m), 'secondary'),
    button(m.enabled === false ? 'Enable' : 'Disable', () => toggle(path, m, status, refresh), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/provider-models/${m.id}`, `model ${m.model_id}`, refresh), 'danger'),
  ]));
  const editor = form([
    { name: 'model_id', label: 'Model id', required: true }, { name: 'display_name', label: 'Display name' },
    { name: 'context_window', label: 'Context window', type: 'number' }, { name: 'max_output_tokens', label: 'Max output tokens', type: 'number' },
  ], async values => { await api(path, { method: 'POST', body: values }); editor.reset(); refresh(); }, { id: 'form-model', submitLabel: 'Save model' });
  const pull = () => load(pulled, () => api(`/admin/providers/${provider.id}/upstream-models`), data => pickModels(provider, rows(data.models), known, path, status, () => { refresh().then(pull); }));
  panel.replaceChildren(
    h('h3', {}, 'Models'), editor.form, list,
    h('h3', {}, 'Upstream models'), h('p', {}, 'Ask the upstream for its live model list with the first enabled credential, then import the ones to offer.'),
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'pull-models', onclick: pull }, 'Pull from upstream')), status, pulled);
  refresh();
}

function pickModels(provider, models, known, path, status, after) {
  if (!models.length) return h('p', {}, 'The upstream listed no models.');
  const have = new Set(known.map(m => m.model_id));
  const boxes = models.map((m, i) => {
    const box = h('input', { type: 'checkbox', id: `pull-${i}`, value: m.id, disabled: have.has(m.id) });
    return { m, box, el: h('label', { for: `pull-${i}`, class: 'check' }, box, ` ${m.id}${m.display_name ? ` — ${m.display_name}` : ''}${have.has(m.id) ? ' (imported)' : ''}`) };
  });
  const importSelected = async () => {
    const chosen = boxes.filter(b => b.box.checked && !b.box.disabled).map(b => b.m);
    if (!chosen.length) { status.textContent = 'Select the models to import first.'; status.className = 'error'; return; }
    await attempt(status, async () => {
      for (const m of chosen) await api(path, { method: 'POST', body: { model_id: m.id, ...(m.display_name ? { display_name: m.display_name } : {}) } });
      return chosen;
    }, c => `Imported ${c.length} model${c.length === 1 ? '' : 's'}: ${c.map(m => m.id).join(', ')}`);
    after();
  };
  return h('fieldset', { class: 'picks' }, h('legend', {}, `${models.length} models listed by the upstream of ${provider.name}`),
    ...boxes.map(b => b.el),
    h('div', { class: 'row' },
      button('Select all new', () => boxes.forEach(b => { if (!b.box.disabled) b.box.checked = true; }), 'secondary'),
      h('button', { type: 'button', id: 'import-models', onclick: importSelected }, 'Import selected')));
}

/** The provider's dispatch matrix: edit a cell, delete one, or put the channel's defaults back. */
function routingTab(panel, provider, channel) {
  const path = `/admin/providers/${provider.id}/routing-rules`;
  const defaults = channel.routing_defaults || [];
  const cell = r => `${r.operation}/${r.kind}`;
  const declared = new Map(defaults.map(d => [cell(d), d]));
  const origin = r => {
    const d = declared.get(cell(r));
    if (!d) return 'extra';
    const same = d.implementation === r.implementation && (d.dest_operation || null) === (r.dest_operation || null) && (d.dest_kind || null) === (r.dest_kind || null) && r.enabled !== false;
    return same ? 'channel default' : 'changed';
  };
  const list = h('div', { id: 'routing-rule-list' });
  const status = h('p', { role: 'status', id: 'routing-status' });
  const formHolder = h('div', {});
  let editor;
  const build = stored => {
    const ops = [...new Set([...defaults, ...stored].map(r => r.operation))].sort();
    const kinds = [...new Set([...defaults, ...stored].flatMap(r => [r.kind, r.dest_kind]).filter(Boolean))].sort();
    const blank = { value: '', label: '—' };
    editor = form([
      { name: 'operation', label: 'Operation', type: 'select', options: ops }, { name: 'kind', label: 'Inbound dialect', type: 'select', options: kinds },
      { name: 'implementation', label: 'Implementation', type: 'select', options: IMPLEMENTATIONS },
      { name: 'dest_operation', label: 'Destination operation', type: 'select', options: [blank, ...ops] },
      { name: 'dest_kind', label: 'Destination dialect', type: 'select', options: [blank, ...kinds] },
      { name: 'sort_order', label: 'Order', type: 'number', value: 0 }, { name: 'enabled', label: 'Enabled', type: 'checkbox', checked: true },
    ], async values => {
      if (values.implementation !== 'transform_to') { values.dest_operation = null; values.dest_kind = null; }
      await api(path, { method: 'POST', body: values });
      editor.reset();
      refresh();
    }, { id: 'form-routing-rule', submitLabel: 'Save rule' });
    keepDefaults(editor.form);
    formHolder.replaceChildren(editor.form);
  };
  const refresh = () => load(list, async () => rows(await api(path)), stored => {
    if (!editor) build(stored);
    return table(stored, [
      ['Operation', r => r.operation], ['Dialect', r => r.kind], ['Implementation', r => r.implementation],
      ['Destination', r => (r.implementation === 'transform_to' ? `${r.dest_operation || r.operation}/${r.dest_kind}` : '')],
      ['Enabled', r => yesNo(r.enabled !== false)], ['Origin', origin],
    ], r => [
      button('Edit', () => editor.fill(r), 'secondary'),
      button('Delete', () => confirmDelete(`/admin/routing-rules/${r.id}`, `routing rule ${cell(r)}`, refresh), 'danger'),
    ]);
  });
  const reset = async () => {
    if (!window.confirm(`Reset the routing rules of ${provider.name} to the ${channel.display_name} defaults?`)) return;
    await attempt(status, () => api(`${path}/reset`, { method: 'POST' }), r => `Reset to channel defaults: ${rows(r).length} rules`);
    refresh();
  };
  panel.replaceChildren(h('h3', {}, 'Routing rules'),
    h('p', {}, 'How each operation and inbound dialect reaches the upstream. Rows the channel declares show their origin; a reset rewrites those cells and leaves extra rows alone.'),
    formHolder, h('div', { class: 'row' }, h('button', { type: 'button', id: 'reset-routing', class: 'secondary', onclick: reset }, 'Reset to channel defaults')), status, list);
  refresh();
}
