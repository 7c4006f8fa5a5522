// Price rules (USD per 1M tokens, as decimal strings) with their prompt-size and service tiers.
import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, toggle } from './ui.js';

const yesNo = v => (v ? 'yes' : 'no');
const PRICES = [['input_price', 'Input'], ['output_price', 'Output'], ['cache_read_price', 'Cache read'], ['cache_creation_5m_price', 'Cache write 5m'],
  ['cache_creation_1h_price', 'Cache write 1h'], ['image_output_price', 'Image output']];
const TIER_FIELDS = [['min_prompt_tokens', 'From prompt tokens', 'number'], ['service_tier', 'Service tier', 'text'], ['multiplier', 'Multiplier', 'text'],
  ['input_price', 'Input', 'text'], ['output_price', 'Output', 'text'], ['cache_read_price', 'Cache read', 'text']];

/** The tier rows inside the price form; value() is the pricing_tiers_json array (null when empty). */
function tierEditor() {
  const body = h('div', { id: 'tiers' });
  let n = 0;
  const add = (tier = {}) => {
    const i = n++;
    const inputs = TIER_FIELDS.map(([k, label, type]) => {
      const id = `tier-${i}-${k.replace(/_/g, '-')}`;
      const input = h('input', { id, name: k, type, inputmode: type === 'text' && k !== 'service_tier' ? 'decimal' : null, placeholder: k === 'service_tier' ? 'any' : '' });
      if (tier[k] != null) input.value = tier[k];
      return h('label', { for: id }, label, input);
    });
    const row = h('div', { class: 'tier', role: 'group', 'aria-label': `Tier ${i + 1}` }, ...inputs);
    row.append(button('Remove tier', () => row.remove(), 'danger'));
    body.append(row);
    return row;
  };
  const value = () => {
    const tiers = [...body.querySelectorAll('.tier')].map(row => {
      const t = {};
      for (const input of row.querySelectorAll('input')) {
        const v = input.value.trim();
        if (v !== '') t[input.name] = input.name === 'min_prompt_tokens' ? Number(v) : v;
      }
      return t;
    }).filter(t => Object.keys(t).length);
    return tiers.length ? tiers : null;
  };
  const el = h('fieldset', { class: 'tiers' }, h('legend', {}, 'Tiers (optional): from a prompt size or for a service tier, override prices or multiply them'),
    body, h('button', { type: 'button', id: 'add-tier', class: 'secondary', onclick: () => add().querySelector('input').focus() }, 'Add tier'));
  return { el, add, value, clear: () => body.replaceChildren() };
}

/** One tier as the table shows it: "priority ≥1000: input 5, output 20 ×1.5". */
function describeTier(t) {
  const prices = ['input_price', 'output_price'].filter(k => t[k] != null).map(k => `${k.split('_')[0]} ${t[k]}`).join(', ');
  return `${t.service_tier ? `${t.service_tier} ` : ''}≥${t.min_prompt_tokens || 0}: ${prices}${t.multiplier ? ` ×${t.multiplier}` : ''}`;
}

export async function pricesPage(main) {
  const provs = rows(await api('/admin/providers'));
  const pname = id => (id == null ? 'global' : (provs.find(p => p.id === id) || {}).name || id);
  const list = h('div', { id: 'price-list' });
  const status = h('p', { role: 'status', id: 'prices-status' });
  const tiers = tierEditor();
  const editor = form([
    { name: 'provider_id', label: 'Applies to', type: 'select', options: [{ value: '', label: 'every provider (global)' }, ...provs.map(p => ({ value: p.id, label: p.name }))] },
    { name: 'match_type', label: 'Match', type: 'select', options: ['exact', 'contains'] },
    { name: 'model_match', label: 'Model', required: true },
    ...PRICES.map(([k, label]) => ({ name: k, label: `${label} (USD / 1M tokens)`, placeholder: '0' })),
    { name: 'enabled', label: 'Enabled', type: 'checkbox', checked: true },
  ], async values => {
    values.provider_id = values.provider_id ? Number(values.provider_id) : null;
    values.pricing_tiers_json = tiers.value();
    await api('/admin/price-rules', { method: 'POST', body: values });
    editor.reset();
    tiers.clear();
    refresh();
  }, { id: 'form-price-rule', submitLabel: 'Save price rule' });
  editor.form.insertBefore(tiers.el, editor.form.lastElementChild);
  for (const [k] of PRICES) editor.form.querySelector(`[name=${k}]`).setAttribute('inputmode', 'decimal');
  const edit = r => { editor.fill(r); tiers.clear(); (r.pricing_tiers_json || []).forEach(t => tiers.add(t)); };
  const tierText = r => (r.pricing_tiers_json || []).map(describeTier).join('; ');
  const refresh = () => load(list, () => api('/admin/price-rules'), data => table(rows(data), [
    ['Applies to', r => pname(r.provider_id)], ['Match', r => r.match_type], ['Model', r => r.model_match], ['Input', r => r.input_price], ['Output', r => r.output_price],
    ['Cache read', r => r.cache_read_price], ['Tiers', tierText], ['Enabled', r => yesNo(r.enabled !== false)],
  ], r => [
    button('Edit', () => edit(r), 'secondary'),
    button(r.enabled === false ? 'Enable' : 'Disable', () => toggle('/admin/price-rules', r, status, refresh), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/price-rules/${r.id}`, `price rule ${r.model_match}`, refresh), 'danger'),
  ]));
  main.append(h('h1', {}, 'Price rules'),
    card('Price rule', h('p', { class: 'hint' }, 'Provider rules win over global ones, exact over contains, longer matches over shorter. No matching rule means cost 0.'), editor.form),
    status, card(null, list));
  await refresh();
}
