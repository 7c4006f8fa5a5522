import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, shownOnce, errorBox } from './ui.js';
import { usagePage } from './usage.js';
import { overviewPage } from './overview.js';
import { orgsPage, usersPage, quotasPage } from './people.js';
import { logsPage, auditPage } from './logs.js';

const yesNo = v => (v ? 'yes' : 'no');

/** A list + upsert form on one collection; extra(row) adds per-row buttons. */
function crud({ title, path, fields, columns, extra, after }) {
  const list = h('div', {});
  const editor = form(fields, async values => { const saved = await api(path, { method: 'POST', body: values }); editor.reset(); refresh(); if (after) after(saved); }, { id: `form-${title.toLowerCase().replace(/\W+/g, '-')}` });
  const refresh = () => load(list, () => api(path), data => table(rows(data), columns, r => [
    button('Edit', () => editor.fill(r), 'secondary'),
    ...(extra ? extra(r, refresh) : []),
    button('Delete', () => confirmDelete(`${path}/${r.id}`, `${title.toLowerCase()} ${r.name || r.label || r.id}`, refresh), 'danger'),
  ]));
  refresh();
  return [card(title, editor.form), card(null, list)];
}

async function overview(main) {
  const day = Math.floor(Date.now() / 86400000) * 86400;
  const [summary, providers, statuses] = await Promise.all([
    api(`/admin/usage-summary?at_from=${day}`), api('/admin/providers'), api('/admin/credential-statuses').catch(() => []),
  ]);
  const unhealthy = rows(statuses).filter(s => s.health_kind && s.health_kind !== 'healthy');
  const stat = (label, value) => h('div', { class: 'stat' }, h('b', {}, value), label);
  main.append(h('h1', {}, 'Overview'),
    h('div', { class: 'stats', id: 'overview-stats' },
      stat('requests today', summary.requests ?? 0), stat('tokens today', summary.total_tokens ?? 0),
      stat('cost today (USD)', Number(summary.cost ?? 0).toFixed(4)), stat('providers', rows(providers).length),
      stat('unhealthy credentials', unhealthy.length)),
    unhealthy.length ? card('Unhealthy credentials', table(unhealthy, [['Credential', s => s.credential_id], ['Health', s => s.health_kind], ['Last error', s => s.last_error]])) : null);
}

async function providers(main) {
  const channels = rows(await api('/admin/channels'));
  const creds = h('div', { id: 'credentials' });
  main.append(h('h1', {}, 'Providers'), ...crud({
    title: 'Provider', path: '/admin/providers',
    fields: [
      { name: 'name', label: 'Name', required: true },
      { name: 'channel', label: 'Channel', type: 'select', options: channels.map(c => ({ value: c.id, label: c.display_name || c.id })) },
      { name: 'settings_json.base_url', label: 'Base URL', type: 'url', placeholder: 'channel default' },
    ],
    columns: [['Id', r => r.id], ['Name', r => r.name], ['Channel', r => r.channel], ['Base URL', r => r.settings_json && r.settings_json.base_url], ['Enabled', r => yesNo(r.enabled !== false)]],
    extra: (r, refresh) => [
      button(r.enabled === false ? 'Enable' : 'Disable', async () => { try { await api('/admin/providers', { method: 'POST', body: { id: r.id, enabled: r.enabled === false } }); refresh(); } catch (e) { alert(e.message); } }, 'secondary'),
      button('Credentials', () => credentials(creds, r), 'secondary'),
    ],
  }), creds);
}

function credentials(node, provider) {
  const path = `/admin/providers/${provider.id}/credentials`;
  const list = h('div', {});
  const refresh = () => load(list, () => api(path), data => table(rows(data), [['Id', c => c.id], ['Name', c => c.name], ['Enabled', c => yesNo(c.enabled !== false)]],
    c => [button('Delete', () => confirmDelete(`${path}/${c.id}`, `credential ${c.name}`, refresh), 'danger')]));
  const editor = form([{ name: 'name', label: 'Credential name', required: true }, { name: 'secret_json.api_key', label: 'API key (write-only)', type: 'password' }],
    async values => { await api(path, { method: 'POST', body: values }); editor.reset(); refresh(); }, { id: 'form-credential', submitLabel: 'Add credential' });
  node.replaceChildren(card(`Credentials of ${provider.name}`, editor.form, list));
  refresh();
  editor.form.querySelector('input').focus();
}

async function routes(main) {
  const provs = rows(await api('/admin/providers'));
  const members = h('div', { id: 'members' });
  main.append(h('h1', {}, 'Routes'), ...crud({
    title: 'Route', path: '/admin/routes',
    fields: [{ name: 'name', label: 'Name (the model clients ask for)', required: true },
      { name: 'strategy', label: 'Strategy', type: 'select', options: ['failover', 'round_robin', 'weighted', 'least_latency'] }],
    columns: [['Id', r => r.id], ['Name', r => r.name], ['Strategy', r => r.strategy]],
    extra: r => [button('Members', () => routeMembers(members, r, provs), 'secondary')],
  }), members);
}

function routeMembers(node, route, provs) {
  const path = `/admin/routes/${route.id}/members`;
  const name = id => (provs.find(p => p.id === id) || {}).name || id;
  const list = h('div', {});
  const refresh = () => load(list, () => api(path), data => table(rows(data), [['Provider', m => name(m.provider_id)], ['Upstream model', m => m.upstream_model_id], ['Tier', m => m.tier], ['Weight', m => m.weight]],
    m => [button('Delete', () => confirmDelete(`${path}/${m.id}`, 'member', refresh), 'danger')]));
  const editor = form([
    { name: 'provider_id', label: 'Provider', type: 'select', options: provs.map(p => ({ value: p.id, label: p.name })) },
    { name: 'upstream_model_id', label: 'Upstream model', required: true },
    { name: 'tier', label: 'Tier', type: 'number', value: 0 }, { name: 'weight', label: 'Weight', type: 'number', value: 1 },
  ], async values => { values.provider_id = Number(values.provider_id); await api(path, { method: 'POST', body: values }); editor.reset(); refresh(); }, { id: 'form-member', submitLabel: 'Add member' });
  node.replaceChildren(card(`Members of ${route.name}`, editor.form, list));
  refresh();
}

async function users(main) {
  const detail = h('div', { id: 'user-detail' });
  main.append(h('h1', {}, 'Users'), ...crud({
    title: 'User', path: '/admin/users',
    fields: [{ name: 'name', label: 'Name', required: true }, { name: 'password', label: 'Password (optional)', type: 'password' }, { name: 'is_admin', label: 'Administrator', type: 'checkbox' }],
    columns: [['Id', r => r.id], ['Name', r => r.name], ['Admin', r => yesNo(r.is_admin)], ['Enabled', r => yesNo(r.enabled !== false)]],
    extra: r => [button('Keys', () => userDetail(detail, r), 'secondary')],
  }), detail);
}

function userDetail(node, user) {
  const keysPath = `/admin/users/${user.id}/keys`;
  const keys = h('div', {});
  const once = h('div', {});
  const refreshKeys = () => load(keys, () => api(keysPath), data => table(rows(data), [['Id', k => k.id], ['Label', k => k.label], ['Enabled', k => yesNo(k.enabled !== false)]],
    k => [button('Delete', () => confirmDelete(`${keysPath}/${k.id}`, `key ${k.label || k.id}`, refreshKeys), 'danger')]));
  const keyForm = form([{ name: 'label', label: 'Key label' }], async values => {
    const created = await api(keysPath, { method: 'POST', body: values });
    once.replaceChildren(shownOnce(`Key ${created.label || created.id}`, created.api_key));
    keyForm.reset(); refreshKeys();
  }, { id: 'form-key', submitLabel: 'Create key' });
  const perms = h('div', {});
  const refreshPerms = () => load(perms, () => api('/admin/route-permissions'), data => table(rows(data).filter(p => p.scope === 'user' && p.scope_id === user.id),
    [['Route pattern', p => p.route_pattern]], p => [button('Delete', () => confirmDelete(`/admin/route-permissions/${p.id}`, 'permission', refreshPerms), 'danger')]));
  const permForm = form([{ name: 'route_pattern', label: 'Route pattern', value: '*', required: true }], async values => {
    await api('/admin/route-permissions', { method: 'POST', body: { scope: 'user', scope_id: user.id, ...values } });
    refreshPerms();
  }, { id: 'form-permission', submitLabel: 'Permit' });
  node.replaceChildren(card(`Keys of ${user.name}`, keyForm.form, once, keys), card(`Route permissions of ${user.name}`, permForm.form, perms));
  refreshKeys(); refreshPerms();
}

async function logs(main) {
  const detail = h('div', { id: 'log-detail' });
  const list = h('div', { id: 'log-list' });
  main.append(h('h1', {}, 'Request logs'), card(null, list), detail);
  await load(list, () => api('/admin/logs?limit=100'), data => table(rows(data), [
    ['Time', r => r.at ? new Date(r.at * 1000).toLocaleString() : ''], ['Method', r => r.method], ['Path', r => r.path],
    ['Status', r => r.status], ['Model', r => r.model || r.requested_model], ['Latency ms', r => r.latency_ms], ['Request', r => r.request_id],
  ], r => [button('Detail', () => load(detail, () => api(`/admin/logs/${encodeURIComponent(r.request_id)}/downstream`), d => card(`Request ${r.request_id}`, h('pre', {}, JSON.stringify(d, null, 2)))), 'secondary')]));
}

async function settings(main) {
  const current = await api('/admin/instance-settings');
  const keys = Object.keys(current).filter(k => k !== 'id' && (typeof current[k] === 'boolean' || typeof current[k] === 'number'));
  const editor = form(keys.map(k => ({ name: k, label: k.replace(/_/g, ' '), type: typeof current[k] === 'boolean' ? 'checkbox' : 'number' })),
    values => api('/admin/instance-settings', { method: 'POST', body: values }), { id: 'form-settings' });
  editor.fill(current);
  main.append(h('h1', {}, 'Instance settings'), card('Logging and retention', editor.form));
}

async function simpleList(main, title, path, columns) {
  const list = h('div', {});
  main.append(h('h1', {}, title), card(null, list));
  await load(list, () => api(path), data => table(rows(data), columns));
}

const audit = main => simpleList(main, 'Audit log', '/admin/audit?limit=100', [['Time', r => r.at ? new Date(r.at * 1000).toLocaleString() : ''], ['Actor', r => r.actor], ['Action', r => r.action], ['Target', r => r.target], ['Status', r => r.status]]);

async function priceRules(main) {
  main.append(h('h1', {}, 'Price rules'), ...crud({ title: 'Price rule', path: '/admin/price-rules',
    fields: [{ name: 'match_type', label: 'Match', type: 'select', options: ['exact', 'contains'] }, { name: 'model_match', label: 'Model', required: true },
      { name: 'input_price', label: 'Input price', type: 'number' }, { name: 'output_price', label: 'Output price', type: 'number' }, { name: 'cache_read_price', label: 'Cache read price', type: 'number' }],
    columns: [['Id', r => r.id], ['Match', r => r.match_type], ['Model', r => r.model_match], ['Input', r => r.input_price], ['Output', r => r.output_price]] }));
}

async function quotas(main) {
  main.append(h('h1', {}, 'Quotas and rate limits'),
    ...crud({ title: 'Quota', path: '/admin/quotas', fields: [{ name: 'scope', label: 'Scope', type: 'select', options: ['user', 'team', 'org'] }, { name: 'scope_id', label: 'Scope id', type: 'number' }, { name: 'quota_total', label: 'Total (USD)', type: 'number' }], columns: [['Id', r => r.id], ['Row', r => JSON.stringify(r)]] }),
    ...crud({ title: 'Rate limit', path: '/admin/rate-limits', fields: [{ name: 'scope', label: 'Scope', type: 'select', options: ['user', 'team', 'org'] }, { name: 'scope_id', label: 'Scope id', type: 'number' }, { name: 'route_pattern', label: 'Route pattern', value: '*' }, { name: 'rpm', label: 'Requests / minute', type: 'number' }], columns: [['Id', r => r.id], ['Row', r => JSON.stringify(r)]] }));
}

async function ruleSets(main) {
  const rules = h('div', { id: 'rules' });
  main.append(h('h1', {}, 'Rule sets'), ...crud({ title: 'Rule set', path: '/admin/rule-sets', fields: [{ name: 'name', label: 'Name', required: true }],
    columns: [['Id', r => r.id], ['Name', r => r.name]], extra: r => [button('Rules', () => ruleSetRules(rules, r), 'secondary')] }), rules);
}

function ruleSetRules(node, set) {
  const path = `/admin/rule-sets/${set.id}/rules`;
  const list = h('div', {});
  const refresh = () => load(list, () => api(path), data => table(rows(data), [['Order', r => r.sort_order], ['Kind', r => r.kind], ['Model filter', r => r.filter_model_pattern], ['Config', r => JSON.stringify(r.config_json)]],
    r => [button('Delete', () => confirmDelete(`${path}/${r.id}`, 'rule', refresh), 'danger')]));
  const editor = form([
    { name: 'kind', label: 'Kind', type: 'select', options: ['system_text', 'cache_breakpoint', 'rewrite', 'transform', 'header'] },
    { name: 'config_json', label: 'Config (JSON)', type: 'json', value: '{}' },
    { name: 'filter_model_pattern', label: 'Model filter' }, { name: 'sort_order', label: 'Order', type: 'number', value: 0 },
  ], async values => { await api(path, { method: 'POST', body: values }); refresh(); }, { id: 'form-rule', submitLabel: 'Add rule' });
  node.replaceChildren(card(`Rules of ${set.name}`, editor.form, list));
  refresh();
}

export const adminPages = [
  ['overview', 'Overview', overviewPage], ['providers', 'Providers', providers], ['routes', 'Routes', routes],
  ['orgs', 'Orgs', orgsPage], ['users', 'Users', usersPage], ['quotas', 'Limits', quotasPage],
  ['usage', 'Usage', main => usagePage(main, '/admin')], ['logs', 'Request logs', logsPage],
  ['rule-sets', 'Rule sets', ruleSets], ['prices', 'Price rules', priceRules],
  ['audit', 'Audit log', auditPage], ['settings', 'Settings', settings],
];
export { errorBox };
