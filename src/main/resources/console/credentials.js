// A provider's credentials (write-only secrets, reveal on demand, bulk import) and their health with resets.
import { api, rows } from './api.js';
import { h, form, table, button, load, confirmDelete, hint, attempt, toggle } from './ui.js';

const yesNo = v => (v ? 'yes' : 'no');
const when = t => (t ? new Date(t * 1000).toLocaleString() : '');

/** The import text as credential records: a JSON array (of keys or records), else one key per line. */
export function parseImport(text, secretKey, prefix) {
  const trimmed = text.trim();
  const record = (value, n) => (typeof value === 'string'
    ? { name: `${prefix}-${n}`, secret_json: { [secretKey]: value.trim() } }
    : { name: `${prefix}-${n}`, ...value });
  if (trimmed.startsWith('[')) {
    let items;
    try { items = JSON.parse(trimmed); } catch (e) { throw Object.assign(new Error(`not a valid JSON array: ${e.message}`), { field: 'text' }); }
    return items.map((v, i) => ({ line: `item ${i + 1}`, item: record(v, i + 1) }));
  }
  const out = [];
  trimmed.split(/\r?\n/).forEach((l, i) => { if (l.trim()) out.push({ line: `line ${i + 1}`, item: record(l, out.length + 1) }); });
  return out;
}

export function credentialsTab(panel, provider, channel) {
  const path = `/admin/providers/${provider.id}/credentials`;
  const secretKeys = Object.keys(channel.secret_template || {}).length ? Object.keys(channel.secret_template) : ['api_key'];
  const list = h('div', { id: 'credential-list' });
  const revealed = h('div', { id: 'revealed' });
  const status = h('p', { role: 'status', id: 'credentials-status' });
  const refresh = () => load(list, () => api(path), data => table(rows(data), [
    ['Id', c => c.id], ['Name', c => c.name], ['Kind', c => c.kind], ['Weight', c => c.weight], ['RPM', c => c.rpm_limit], ['TPM', c => c.tpm_limit],
    ['Secret', c => (c.has_secret ? 'stored' : 'none')], ['Enabled', c => yesNo(c.enabled !== false)],
  ], c => [
    button('Edit', () => editor.fill(c), 'secondary'),
    c.has_secret ? button('Reveal', () => reveal(c), 'secondary') : null,
    button(c.enabled === false ? 'Enable' : 'Disable', () => toggle(path, c, status, refresh), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/credentials/${c.id}`, `credential ${c.name || c.id}`, refresh), 'danger'),
  ].filter(Boolean)));
  const reveal = c => load(revealed, () => api(`/admin/credentials/${c.id}/secret`), s => {
    const secret = s.secret_json;
    const text = secret && typeof secret === 'object' && Object.keys(secret).length === 1 ? String(Object.values(secret)[0]) : (typeof secret === 'string' ? secret : JSON.stringify(secret));
    const hide = button('Hide', () => revealed.replaceChildren(), 'secondary');
    queueMicrotask(() => hide.focus());
    return h('div', { class: 'shown-once', role: 'alert' }, h('p', {}, `Secret of credential ${c.name || c.id} (this reveal is audited):`), h('code', { class: 'secret', id: 'revealed-secret' }, text), ' ', hide);
  });
  const editor = form([
    { name: 'name', label: 'Credential name', required: true },
    ...secretKeys.map(k => ({ name: `secret_json.${k}`, label: `${k.replace(/_/g, ' ')} (write-only)`, type: 'password' })),
    { name: 'weight', label: 'Weight', type: 'number', placeholder: '100' },
    { name: 'rpm_limit', label: 'Requests / minute', type: 'number', placeholder: 'no limit' },
    { name: 'tpm_limit', label: 'Tokens / minute', type: 'number', placeholder: 'no limit' },
    { name: 'proxy_url', label: 'Outbound proxy URL', type: 'url', placeholder: 'provider default' },
  ], async values => { await api(path, { method: 'POST', body: values }); editor.reset(); refresh(); }, { id: 'form-credential', submitLabel: 'Save credential' });
  hint(editor.form, `form-credential-secret-json-${secretKeys[0].replace(/[^a-z0-9]/gi, '-')}`, 'Never shown again after saving; leave empty when editing to keep the stored secret.');
  panel.replaceChildren(h('h3', {}, 'Credentials'), editor.form, revealed, status, list, importForm(path, secretKeys[0], refresh));
  refresh();
  editor.form.querySelector('input').focus();
}

/** Paste many keys at once; the import is one transaction and answers per item. */
function importForm(path, secretKey, after) {
  const text = h('textarea', { id: 'credential-import-text', rows: 5, 'aria-describedby': 'credential-import-text-error', placeholder: `sk-one\nsk-two\n… or [{"name":"a","secret_json":{"${secretKey}":"sk-…"}}]` });
  const prefix = h('input', { id: 'credential-import-prefix', value: 'imported' });
  const error = h('span', { class: 'field-error', id: 'credential-import-text-error', 'aria-live': 'polite' });
  const status = h('p', { role: 'status', id: 'credential-import-status' });
  const results = h('div', { id: 'credential-import-results' });
  const el = h('form', { id: 'form-credential-import', novalidate: true },
    h('label', { for: 'credential-import-text' }, 'Keys, one per line, or a JSON array', text, error),
    h('label', { for: 'credential-import-prefix' }, 'Name prefix', prefix),
    h('div', {}, h('button', { type: 'submit' }, 'Import credentials')), status, results);
  el.addEventListener('submit', async ev => {
    ev.preventDefault();
    error.textContent = '';
    results.replaceChildren();
    let parsed;
    try {
      parsed = parseImport(text.value, secretKey, prefix.value.trim() || 'imported');
      if (!parsed.length) throw Object.assign(new Error('paste at least one key'), { field: 'text' });
    } catch (e) { error.textContent = e.message; text.focus(); return; }
    const answer = await attempt(status, () => api(`${path}/import`, { method: 'POST', body: parsed.map(p => p.item) }),
      a => `${a.created} created, ${a.existing} already stored, ${a.errors} with errors`);
    if (!answer) return;
    results.replaceChildren(table(answer.results, [
      ['Item', r => parsed[r.index].line], ['Name', r => parsed[r.index].item.name], ['Result', r => r.result],
      ['Credential', r => r.id], ['Error', r => (r.error ? `${r.error.field ? `${r.error.field}: ` : ''}${r.error.message}` : '')],
    ]));
    if (!answer.errors) text.value = '';
    after();
  });
  return h('section', { class: 'subcard' }, h('h3', {}, 'Import many'), el);
}

/** Credential-wide and credential+model health rows of the provider's credentials, each with its reset. */
export async function healthTab(panel, provider) {
  const wide = h('div', { id: 'credential-health' });
  const models = h('div', { id: 'model-health' });
  const status = h('p', { role: 'status', id: 'health-status' });
  const show = async () => {
    const creds = rows(await api(`/admin/providers/${provider.id}/credentials`).catch(() => []));
    const names = new Map(creds.map(c => [c.id, c.name || `#${c.id}`]));
    const mine = data => rows(data).filter(r => names.has(r.credential_id));
    const reset = (r, scope) => async () => {
      await attempt(status, () => api(`/admin/credentials/${r.credential_id}/${scope}`, { method: 'DELETE' }), () => `Health of ${names.get(r.credential_id)} reset`);
      show();
    };
    const none = h('p', {}, 'No health events recorded: every credential is healthy.');
    await load(wide, () => api('/admin/credential-statuses'), data => (mine(data).length ? table(mine(data), [
      ['Credential', r => names.get(r.credential_id)], ['Health', r => r.health_kind], ['Checked', r => when(r.checked_at)], ['Last error', r => r.last_error],
      ['Until', r => when(r.health_json && r.health_json.open_until)],
    ], r => [button('Reset', reset(r, 'status'), 'secondary')]) : none.cloneNode(true)));
    await load(models, () => api('/admin/credential-model-statuses'), data => (mine(data).length ? table(mine(data), [
      ['Credential', r => names.get(r.credential_id)], ['Model', r => r.model_id], ['Health', r => r.health_kind], ['Checked', r => when(r.checked_at)], ['Last error', r => r.last_error],
      ['Until', r => when(r.health_json && r.health_json.open_until)],
    ], r => [button('Reset', reset(r, 'model-statuses'), 'secondary')]) : none.cloneNode(true)));
  };
  panel.replaceChildren(h('h3', {}, 'Credential health'), wide, h('h3', {}, 'Credential + model health'), models,
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'refresh-health', class: 'secondary', onclick: show }, 'Refresh')), status);
  await show();
}
