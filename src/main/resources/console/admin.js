import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, shownOnce, errorBox } from './ui.js';
import { usagePage } from './usage.js';
import { providersPage } from './providers.js';
import { routesPage } from './routes.js';
import { pricesPage } from './prices.js';
import { settingsPage } from './settings.js';
import { ruleSetsPage } from './rules.js';

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

async function simpleList(main, title, path, columns) {
  const list = h('div', {});
  main.append(h('h1', {}, title), card(null, list));
  await load(list, () => api(path), data => table(rows(data), columns));
}

const audit = main => simpleList(main, 'Audit log', '/admin/audit?limit=100', [['Time', r => r.at ? new Date(r.at * 1000).toLocaleString() : ''], ['Actor', r => r.actor], ['Action', r => r.action], ['Target', r => r.target], ['Status', r => r.status]]);

async function quotas(main) {
  main.append(h('h1', {}, 'Quotas and rate limits'),
    ...crud({ title: 'Quota', path: '/admin/quotas', fields: [{ name: 'scope', label: 'Scope', type: 'select', options: ['user', 'team', 'org'] }, { name: 'scope_id', label: 'Scope id', type: 'number' }, { name: 'quota_total', label: 'Total (USD)', type: 'number' }], columns: [['Id', r => r.id], ['Row', r => JSON.stringify(r)]] }),
    ...crud({ title: 'Rate limit', path: '/admin/rate-limits', fields: [{ name: 'scope', label: 'Scope', type: 'select', options: ['user', 'team', 'org'] }, { name: 'scope_id', label: 'Scope id', type: 'number' }, { name: 'route_pattern', label: 'Route pattern', value: '*' }, { name: 'rpm', label: 'Requests / minute', type: 'number' }], columns: [['Id', r => r.id], ['Row', r => JSON.stringify(r)]] }));
}

export const adminPages = [
  ['overview', 'Overview', overview], ['providers', 'Providers', providersPage], ['routes', 'Routes', routesPage],
  ['users', 'Users', users], ['usage', 'Usage', main => usagePage(main, '/admin')], ['logs', 'Request logs', logs],
  ['rule-sets', 'Rule sets', ruleSetsPage], ['prices', 'Price rules', pricesPage], ['quotas', 'Quotas', quotas],
  ['audit', 'Audit log', audit], ['settings', 'Settings', settingsPage],
];
export { errorBox };
