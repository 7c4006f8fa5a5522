// Routes with their members (tier, weight) and strategy, and the model-name aliases applied before them.
import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, toggle, keepDefaults } from './ui.js';

const yesNo = v => (v ? 'yes' : 'no');
const STRATEGIES = ['failover', 'round_robin', 'weighted', 'least_latency'];

export async function routesPage(main) {
  const [provs, routeList] = await Promise.all([api('/admin/providers').then(rows), api('/admin/routes').then(rows)]);
  const members = h('div', { id: 'members' });
  const list = h('div', { id: 'route-list' });
  const status = h('p', { role: 'status', id: 'routes-status' });
  const editor = form([
    { name: 'name', label: 'Name (the model clients ask for)', required: true },
    { name: 'strategy', label: 'Strategy', type: 'select', options: STRATEGIES },
    { name: 'description', label: 'Description' },
    { name: 'enabled', label: 'Enabled', type: 'checkbox', checked: true },
  ], async values => { await api('/admin/routes', { method: 'POST', body: values }); editor.reset(); refresh(); }, { id: 'form-route', submitLabel: 'Save route' });
  const refresh = () => load(list, () => api('/admin/routes'), data => table(rows(data), [
    ['Id', r => r.id], ['Name', r => r.name], ['Strategy', r => r.strategy], ['Description', r => r.description], ['Enabled', r => yesNo(r.enabled !== false)],
  ], r => [
    button('Edit', () => editor.fill(r), 'secondary'),
    button(r.enabled === false ? 'Enable' : 'Disable', () => toggle('/admin/routes', r, status, refresh), 'secondary'),
    button('Members', () => routeMembers(members, r, provs), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/routes/${r.id}`, `route ${r.name}`, () => { members.replaceChildren(); refresh(); }), 'danger'),
  ]));
  main.append(h('h1', {}, 'Routes'),
    card('Route', h('p', { class: 'hint' }, 'Failover tries tier 0 first, then higher tiers; within a tier the strategy orders members (weighted uses the weights).'), editor.form),
    status, card(null, list), members, aliasesCard(provs, routeList));
  await refresh();
}

function routeMembers(node, route, provs) {
  const path = `/admin/routes/${route.id}/members`;
  const name = id => (provs.find(p => p.id === id) || {}).name || id;
  const list = h('div', { id: 'member-list' });
  const status = h('p', { role: 'status', id: 'members-status' });
  const models = h('datalist', { id: 'member-models' });
  const byTier = data => rows(data).slice().sort((a, b) => a.tier - b.tier || b.weight - a.weight);
  const refresh = () => load(list, () => api(path), data => table(byTier(data), [
    ['Tier', m => m.tier], ['Provider', m => name(m.provider_id)], ['Upstream model', m => m.upstream_model_id], ['Weight', m => m.weight], ['Enabled', m => yesNo(m.enabled !== false)],
  ], m => [
    button('Edit', () => editor.fill(m), 'secondary'),
    button(m.enabled === false ? 'Enable' : 'Disable', () => toggle(path, m, status, refresh), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/route-members/${m.id}`, `member ${m.upstream_model_id}`, refresh), 'danger'),
  ]));
  const editor = form([
    { name: 'provider_id', label: 'Provider', type: 'select', options: provs.map(p => ({ value: p.id, label: p.name })) },
    { name: 'upstream_model_id', label: 'Upstream model', required: true },
    { name: 'tier', label: 'Tier (0 first)', type: 'number', value: 0 }, { name: 'weight', label: 'Weight', type: 'number', value: 100 },
    { name: 'enabled', label: 'Enabled', type: 'checkbox', checked: true },
  ], async values => { values.provider_id = Number(values.provider_id); await api(path, { method: 'POST', body: values }); editor.reset(); refresh(); }, { id: 'form-member', submitLabel: 'Save member' });
  keepDefaults(editor.form);
  // suggest the chosen provider's models for the upstream model
  const provider = editor.form.querySelector('select[name=provider_id]');
  const suggest = () => api(`/admin/providers/${provider.value}/models`).then(rows)
    .then(ms => models.replaceChildren(...ms.map(m => h('option', { value: m.model_id })))).catch(() => models.replaceChildren());
  provider.addEventListener('change', suggest);
  editor.form.querySelector('input[name=upstream_model_id]').setAttribute('list', 'member-models');
  if (provs.length) suggest();
  node.replaceChildren(card(`Members of ${route.name} (${route.strategy})`, editor.form, models, status, list));
  refresh();
}

function aliasesCard(provs, routeList) {
  const list = h('div', { id: 'alias-list' });
  const names = h('datalist', { id: 'route-names' }, ...routeList.map(r => h('option', { value: r.name })));
  const editor = form([
    { name: 'alias', label: 'Alias (regular expression, full match)', required: true },
    { name: 'target', label: 'Target (route or provider/model)', required: true },
    { name: 'provider', label: 'Scope', type: 'select', options: [{ value: '*', label: 'global (before routes)' }, ...provs.map(p => ({ value: p.name, label: `provider ${p.name}` }))] },
    { name: 'sort_order', label: 'Order', type: 'number', value: 0 },
    { name: 'enabled', label: 'Enabled', type: 'checkbox', checked: true },
  ], async values => { await api('/admin/aliases', { method: 'POST', body: values }); editor.reset(); refresh(); }, { id: 'form-alias', submitLabel: 'Save alias' });
  editor.form.querySelector('input[name=target]').setAttribute('list', 'route-names');
  keepDefaults(editor.form);
  const refresh = () => load(list, () => api('/admin/aliases'), data => table(rows(data).slice().sort((a, b) => a.sort_order - b.sort_order), [
    ['Alias', a => a.alias], ['Target', a => a.target], ['Scope', a => (a.provider === '*' ? 'global' : a.provider)], ['Order', a => a.sort_order], ['Enabled', a => yesNo(a.enabled !== false)],
  ], a => [
    button('Edit', () => editor.fill(a), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/aliases/${a.id}`, `alias ${a.alias}`, refresh), 'danger'),
  ]));
  refresh();
  return card('Aliases', h('p', { class: 'hint' }, 'A requested model matching an alias is renamed to its target, in order, before the route is looked up.'), editor.form, names, list);
}
