// Usage for the admin (base '/admin', every caller) or the portal (base '/user', the caller only):
// requests, tokens and cost per bucket stacked by provider, model, user or route; the rows below.
import { api, rows } from './api.js';
import { h, card, table } from './ui.js';
import { stackedBars } from './chart.js';
import { filteredList, seconds, when } from './paging.js';

const METRICS = [
  ['requests', 'Requests', r => r.requests || 0, v => String(Math.round(v))],
  ['tokens', 'Tokens', r => (r.input_tokens || 0) + (r.output_tokens || 0) + (r.cache_read_tokens || 0) + (r.cache_write_tokens || 0) + (r.image_output_tokens || 0), v => String(Math.round(v))],
  ['cost', 'Cost (USD)', r => Number(r.cost || 0), v => v.toFixed(4)],
];
const DIMENSION = { provider: 'provider_id', model: 'model', user: 'user_id', route: 'route_name' };
const isoDay = t => new Date(t).toISOString().slice(0, 10);

async function directory(base) {
  if (base !== '/admin') return { provider: new Map(), user: new Map() };
  const [providers, users] = await Promise.all([api('/admin/providers').then(rows).catch(() => []), api('/admin/users').then(rows).catch(() => [])]);
  return { provider: new Map(providers.map(p => [p.id, p.name])), user: new Map(users.map(u => [u.id, u.name])) };
}

export async function usagePage(main, base) {
  const admin = base === '/admin';
  const names = await directory(base);
  const field = (label, input) => h('label', { for: input.id }, label, input);
  const today = Date.now();
  const from = h('input', { id: 'usage-from', type: 'date', value: isoDay(today - 6 * 86400000), required: true });
  const to = h('input', { id: 'usage-to', type: 'date', value: isoDay(today), required: true });
  const granularity = h('select', { id: 'usage-granularity' }, ...['day', 'hour', 'week', 'month'].map(g => h('option', { value: g }, g)));
  const groupBy = h('select', { id: 'usage-group' }, ...Object.keys(DIMENSION).filter(g => admin || g !== 'user').map(g => h('option', { value: g }, g)));
  const rangeError = h('span', { class: 'field-error', id: 'usage-to-error', 'aria-live': 'polite' });
  to.setAttribute('aria-describedby', 'usage-to-error');
  const chart = h('div', { id: 'usage-chart', class: 'charts' });
  const groups = h('div', { id: 'usage-groups' });
  const label = (dim, r) => {
    const v = r[DIMENSION[dim]];
    if (v === null || v === undefined || v === '') return '—';
    return (names[dim] && names[dim].get(v)) || String(v);
  };
  const bucketLabel = t => (granularity.value === 'hour' ? new Date(t * 1000).toISOString().slice(5, 16).replace('T', ' ') : new Date(t * 1000).toISOString().slice(0, 10));

  async function show() {
    rangeError.textContent = '';
    const start = seconds(from), end = seconds(to, true);
    if (start === undefined || end === undefined || start > end) {
      rangeError.textContent = 'pick a From date on or before To';
      return;
    }
    const dim = groupBy.value;
    chart.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
    groups.replaceChildren();
    try {
      const data = rows(await api(`${base}/usage-rollups?granularity=${granularity.value}&from=${start}&to=${end}&group_by=${dim}`));
      const order = [];
      const totals = new Map();
      for (const r of data) {
        const g = label(dim, r);
        if (!totals.has(g)) { totals.set(g, METRICS.map(() => 0)); order.push(g); }
        METRICS.forEach((m, i) => (totals.get(g)[i] += m[2](r)));
      }
      order.sort((a, b) => totals.get(b)[0] - totals.get(a)[0]);
      const starts = [...new Set(data.map(r => r.bucket_start))].sort((a, b) => a - b);
      if (!starts.length) { chart.replaceChildren(h('p', {}, 'No usage in this range.')); return; }
      chart.replaceChildren(...METRICS.map(([key, title, pick, format]) => stackedBars(starts.map(t => {
        const parts = new Map();
        for (const r of data) if (r.bucket_start === t) { const g = label(dim, r); parts.set(g, (parts.get(g) || 0) + pick(r)); }
        return { label: bucketLabel(t), parts };
      }), order, { title: `${title} per ${granularity.value}, by ${dim}`, format, id: `usage-chart-${key}` })));
      groups.replaceChildren(table(order.map(g => ({ g, v: totals.get(g) })), [[dim, x => x.g], ...METRICS.map((m, i) => [m[1], x => m[3](x.v[i])])]));
    } catch (e) {
      chart.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.field ? `${e.field}: ${e.message}` : e.message));
    }
  }

  const users = [...names.user.entries()];
  const list = filteredList({
    id: 'usage-filters',
    fields: [
      { name: 'model', label: 'Model' },
      { name: 'route_name', label: 'Route' },
      ...(admin ? [{ name: 'user_id', label: 'User', type: 'select', options: users.map(([id, n]) => ({ value: id, label: n })) },
        { name: 'provider_id', label: 'Provider', type: 'select', options: [...names.provider.entries()].map(([id, n]) => ({ value: id, label: n })) }] : []),
      { name: 'ended', label: 'Ended', type: 'select', options: ['complete', 'interrupted'] },
      { name: 'from', param: 'at_from', label: 'From', type: 'datetime-local', toParam: i => seconds(i) },
      { name: 'to', param: 'at_to', label: 'To', type: 'datetime-local', toParam: i => seconds(i) },
    ],
    fetch: p => api(`${base}/usage?${p}`).then(rows),
    render: data => table(data, [
      ['Time', r => when(r.at)], ...(admin ? [['User', r => names.user.get(r.user_id) || r.user_id], ['Provider', r => names.provider.get(r.provider_id) || r.provider_id]] : []),
      ['Model', r => r.model], ['Route', r => r.route_name], ['Input', r => r.input_tokens], ['Output', r => r.output_tokens], ['Cost', r => r.cost], ['Ended', r => r.ended],
    ]),
  });
  list.list.id = 'usage-rows';
  const controls = h('form', { class: 'grid', id: 'usage-form' }, field('From', from), h('label', { for: 'usage-to' }, 'To', to, rangeError), field('Per', granularity),
    field('Grouped by', groupBy), h('div', {}, h('button', { type: 'submit' }, 'Show')));
  controls.addEventListener('submit', ev => { ev.preventDefault(); show(); });
  groupBy.addEventListener('change', show);
  main.append(h('h1', {}, 'Usage'), card('Charts', controls, chart), card('Totals by group', groups), card('Rows', list.node));
  await Promise.all([show(), list.go(1)]);
}
