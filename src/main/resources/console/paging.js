// Filter bars and pagers for the list routes that take filters and page/page_size (logs, audit, usage).
import { h, button, load } from './ui.js';

/** Seconds since the epoch of a datetime-local or date input's value, or undefined when empty. */
export function seconds(input, endOfDay = false) {
  if (!input.value) return undefined;
  const t = Date.parse(input.type === 'date' ? `${input.value}T00:00:00Z` : input.value);
  return Number.isNaN(t) ? undefined : Math.floor(t / 1000) + (endOfDay && input.type === 'date' ? 86399 : 0);
}

export const when = at => (at ? new Date(at * 1000).toLocaleString() : '');

/**
 * A filtered, paged list. fields: [{name, label, type: 'text'|'number'|'select'|'datetime-local', options,
 * param: name sent (default name), toParam: input => value}]; fetch(params) → rows; render(rows) → node.
 * The API answers a 400 naming a bad parameter; its message is shown next to that field.
 */
export function filteredList({ id, fields, fetch, render, pageSize = 20 }) {
  const inputs = {};
  const errors = {};
  const controls = fields.map(f => {
    const inputId = `${id}-${f.name}`;
    const input = f.type === 'select'
      ? h('select', { id: inputId }, h('option', { value: '' }, 'any'), ...(f.options || []).map(o => h('option', { value: o.value ?? o }, o.label ?? o)))
      : h('input', { id: inputId, type: f.type || 'text', placeholder: f.placeholder || '' });
    inputs[f.name] = input;
    errors[f.param || f.name] = h('span', { class: 'field-error', id: `${inputId}-error`, 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', `${inputId}-error`);
    return h('label', { for: inputId }, f.label, input, errors[f.param || f.name]);
  });
  const list = h('div', { id: `${id}-rows` });
  const pageLabel = h('span', { class: 'page-label', 'aria-live': 'polite' });
  const prev = button('Previous', () => go(page - 1), 'secondary');
  const next = button('Next', () => go(page + 1), 'secondary');
  const jump = h('input', { id: `${id}-page`, type: 'number', min: 1, value: 1, class: 'page-input', 'aria-label': 'Page number' });
  const jumpForm = h('form', { class: 'row pager-jump' }, jump, h('button', { type: 'submit', class: 'secondary' }, 'Go'));
  jumpForm.addEventListener('submit', ev => { ev.preventDefault(); go(Math.max(1, Number(jump.value) || 1)); });
  const bar = h('form', { class: 'grid filters', id, role: 'search' }, ...controls,
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Filter'), button('Clear', () => { bar.reset(); go(1); }, 'secondary')));
  bar.addEventListener('submit', ev => { ev.preventDefault(); go(1); });
  let page = 1;

  function params() {
    const p = new URLSearchParams();
    for (const f of fields) {
      const v = f.toParam ? f.toParam(inputs[f.name]) : inputs[f.name].value.trim();
      if (v !== undefined && v !== '') p.set(f.param || f.name, v);
    }
    p.set('page', page);
    p.set('page_size', pageSize);
    return p;
  }

  async function go(n) {
    page = n;
    jump.value = n;
    Object.values(errors).forEach(e => (e.textContent = ''));
    let count = 0;
    await load(list, async () => {
      try {
        return await fetch(params());
      } catch (e) {
        if (e.field && errors[e.field]) { errors[e.field].textContent = e.message; return null; }
        throw e;
      }
    }, data => {
      if (data === null) return h('p', { class: 'field-error' }, 'Fix the filter marked above.');
      count = data.length;
      return render(data);
    });
    pageLabel.textContent = `Page ${page}`;
    prev.disabled = page <= 1;
    next.disabled = count < pageSize;
  }

  const pager = h('nav', { class: 'pager row', 'aria-label': 'Pages' }, prev, pageLabel, next, jumpForm);
  return { bar, list, pager, go, inputs, node: h('div', {}, bar, list, pager) };
}
