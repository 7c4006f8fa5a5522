// Request logs (downstream with their upstream attempts) and the audit log: filters, paging, detail.
import { api, rows } from './api.js';
import { h, card, table, button, load } from './ui.js';
import { filteredList, seconds, when } from './paging.js';

const range = prefix => [
  { name: 'from', param: 'at_from', label: 'From', type: 'datetime-local', toParam: i => seconds(i) },
  { name: 'to', param: 'at_to', label: 'To', type: 'datetime-local', toParam: i => seconds(i) },
].map(f => ({ ...f, name: `${prefix}${f.name}` }));

const body = (title, text) => (text ? h('details', { open: true }, h('summary', {}, title), h('pre', { class: 'body' }, pretty(text))) : null);

function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

const facts = pairs => h('dl', { class: 'facts' }, ...pairs.filter(p => p[1] !== undefined && p[1] !== null && p[1] !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));

function headers(json) {
  if (!json) return null;
  return h('details', {}, h('summary', {}, 'Headers'), h('pre', {}, JSON.stringify(json, null, 2)));
}

/** One request: the downstream row and every upstream attempt, bodies when they were captured. */
async function detail(node, requestId, users = []) {
  const who = id => (users.find(u => u.id === id) || {}).name || id;
  const id = encodeURIComponent(requestId);
  await load(node, async () => {
    const [down, up] = await Promise.all([
      api(`/admin/logs/${id}/downstream`).catch(e => (e.status === 404 ? null : Promise.reject(e))),
      api(`/admin/logs/${id}/upstream`).catch(e => (e.status === 404 ? [] : Promise.reject(e))),
    ]);
    return { down, up: rows(up) };
  }, ({ down, up }) => card(`Request ${requestId}`,
    h('h3', {}, 'Downstream (client → gateway)'),
    down ? [facts([['Time', when(down.at)], ['Method', down.method], ['Path', down.path], ['Query', down.query], ['Status', down.status],
      ['Model', down.model], ['Route', down.route_name], ['User', who(down.user_id)], ['Key', down.user_key_id], ['Error', down.error_code],
      ['Latency ms', down.latency_ms], ['Client IP', down.client_ip]]), headers(down.headers_json), body('Request body', down.body), body('Response body', down.response_body)]
      : h('p', {}, 'No downstream row (the downstream log was off).'),
    h('h3', {}, `Upstream attempts (${up.length})`),
    up.length ? up.map(u => h('section', { class: 'attempt' },
      facts([['Attempt', u.attempt], ['Time', when(u.at)], ['Method', u.method], ['URL', u.url], ['Status', u.status], ['Disposition', u.disposition],
        ['Model', u.model], ['Provider', u.provider_id], ['Credential', u.credential_id], ['Latency ms', u.latency_ms], ['Error', u.error]]),
      headers(u.headers_json), body('Upstream request body', u.body), body('Upstream response body', u.response_body)))
      : h('p', {}, 'No upstream rows (the upstream log was off, or the request never reached an upstream).')));
  node.querySelector('h2')?.setAttribute('tabindex', '-1');
  node.querySelector('h2')?.focus();
}

export async function logsPage(main) {
  const users = rows(await api('/admin/users').catch(() => []));
  const detailNode = h('div', { id: 'log-detail' });
  const logs = filteredList({
    id: 'log-filters',
    fields: [
      { name: 'status', label: 'Status', type: 'number', placeholder: '200' },
      { name: 'model', label: 'Model' },
      { name: 'user_id', label: 'User', type: 'select', options: users.map(u => ({ value: u.id, label: u.name })) },
      { name: 'path', label: 'Path', placeholder: '/v1/chat/completions' },
      ...range('log-'),
    ],
    fetch: p => api(`/admin/logs?${p}`).then(rows),
    render: data => table(data, [
      ['Time', r => when(r.at)], ['Method', r => r.method], ['Path', r => r.path], ['Status', r => r.status],
      ['Model', r => r.model], ['User', r => (users.find(u => u.id === r.user_id) || {}).name || r.user_id], ['Latency ms', r => r.latency_ms], ['Request', r => r.request_id],
    ], r => [button('Detail', () => detail(detailNode, r.request_id, users), 'secondary')]),
  });
  logs.list.id = 'log-list';
  main.append(h('h1', {}, 'Request logs'),
    card(null, h('p', { class: 'hint' }, 'Rows appear while the downstream log is on; bodies while body capture is on (Settings). Filters match exactly.'), logs.node), detailNode);
  await logs.go(1);
}

export async function auditPage(main) {
  const audit = filteredList({
    id: 'audit-filters',
    fields: [
      { name: 'actor', label: 'Actor', placeholder: 'admin' },
      { name: 'action', label: 'Action', type: 'select', options: ['POST', 'PATCH', 'PUT', 'DELETE', 'GET'] },
      { name: 'target', label: 'Target path', placeholder: '/admin/users' },
      { name: 'status', label: 'Status', type: 'number' },
      ...range('audit-'),
    ],
    fetch: p => api(`/admin/audit?${p}`).then(rows),
    render: data => table(data, [['Time', r => when(r.at)], ['Actor', r => r.actor_name || r.actor_id], ['Action', r => r.action],
      ['Target', r => r.target], ['Status', r => r.status], ['Source IP', r => r.source_ip]]),
  });
  audit.list.id = 'audit-list';
  main.append(h('h1', {}, 'Audit log'), card(null, audit.node));
  await audit.go(1);
}
