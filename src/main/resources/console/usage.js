import { api, rows } from './api.js';
import { h, card, table, barChart, load } from './ui.js';

const METRICS = {
  requests: r => r.requests || 0,
  tokens: r => (r.input_tokens || 0) + (r.output_tokens || 0) + (r.cache_read_tokens || 0) + (r.cache_write_tokens || 0),
  cost: r => Number(r.cost || 0),
};
const isoDay = t => new Date(t).toISOString().slice(0, 10);

/** Usage for the admin (base '/admin', every caller) or the portal (base '/user', the caller only). */
export function usagePage(main, base) {
  const today = Date.now();
  const field = (label, input) => h('label', { for: input.id }, label, input);
  const from = h('input', { id: 'usage-from', type: 'date', value: isoDay(today - 6 * 86400000) });
  const to = h('input', { id: 'usage-to', type: 'date', value: isoDay(today) });
  const granularity = h('select', { id: 'usage-granularity' }, h('option', { value: 'day' }, 'day'), h('option', { value: 'hour' }, 'hour'));
  const groupBy = h('select', { id: 'usage-group' }, h('option', { value: 'provider' }, 'provider'), h('option', { value: 'model' }, 'model'));
  const metric = h('select', { id: 'usage-metric' }, ...Object.keys(METRICS).map(m => h('option', { value: m }, m)));
  const chart = h('div', { id: 'usage-chart' });
  const groups = h('div', { id: 'usage-groups' });
  const list = h('div', { id: 'usage-rows' });
  // provider names for the admin; the portal shows the ids it is given
  const names = base === '/admin' ? api('/admin/providers').then(rows).catch(() => []) : Promise.resolve([]);
  const show = async () => {
    const providers = new Map((await names).map(p => [p.id, p.name]));
    const start = Math.floor(Date.parse(from.value) / 1000);
    const end = Math.floor(Date.parse(to.value) / 1000) + 86399;
    const pick = METRICS[metric.value];
    await load(chart, () => api(`${base}/usage-rollups?granularity=${granularity.value}&from=${start}&to=${end}&group_by=${groupBy.value}`), data => {
      const buckets = new Map();
      const byGroup = new Map();
      for (const r of rows(data)) {
        buckets.set(r.bucket_start, (buckets.get(r.bucket_start) || 0) + pick(r));
        const key = (groupBy.value === 'provider' ? providers.get(r.provider_id) || r.provider_id : r.model) ?? '—';
        byGroup.set(key, (byGroup.get(key) || 0) + pick(r));
      }
      const points = [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({
        label: granularity.value === 'hour' ? new Date(t * 1000).toISOString().slice(11, 16) : new Date(t * 1000).toISOString().slice(5, 10), value: v }));
      groups.replaceChildren(table([...byGroup.entries()].map(([k, v]) => ({ k, v })), [[groupBy.value, g => g.k], [metric.value, g => g.v]]));
      return points.length ? barChart(points, `${metric.value} per ${granularity.value}`) : h('p', {}, 'No usage in this range.');
    });
    await load(list, () => api(`${base}/usage?at_from=${start}&at_to=${end}&limit=50`), data => table(rows(data), [
      ['Time', r => r.at ? new Date(r.at * 1000).toLocaleString() : ''], ['Model', r => r.model], ['Route', r => r.route_name],
      ['Input', r => r.input_tokens], ['Output', r => r.output_tokens], ['Cost', r => r.cost], ['Ended', r => r.ended],
    ]));
  };
  const controls = h('form', { class: 'grid', id: 'usage-form' }, field('From', from), field('To', to), field('Per', granularity),
    field('Grouped by', groupBy), field('Metric', metric), h('div', {}, h('button', { type: 'submit' }, 'Show')));
  controls.addEventListener('submit', ev => { ev.preventDefault(); show(); });
  main.append(h('h1', {}, 'Usage'), card(null, controls), card('Per bucket', chart), card('By group', groups), card('Rows', list));
  return show();
}
