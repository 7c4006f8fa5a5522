import { api, ApiError } from './api.js';

/** h('tag', {attrs, on*: handler}, ...children) — the DOM without innerHTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children.flat()) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const card = (title, ...body) => h('section', { class: 'card' }, title ? h('h2', {}, title) : null, ...body);

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? `${e.message}${e.code ? ` (${e.code})` : ''}` : String(e));
}

/** Replaces node's content with a loading line, then with render(data) or the error. */
export async function load(node, fetcher, render) {
  node.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    node.replaceChildren(...[].concat(render(await fetcher())));
  } catch (e) {
    node.replaceChildren(errorBox(e));
  }
}

function setPath(obj, path, value) {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = o[p] = o[p] || {};
  o[parts[parts.length - 1]] = value;
}

function getPath(obj, path) {
  return path.split('.').reduce((o, p) => (o == null ? undefined : o[p]), obj);
}

/**
 * A labelled form of fields {name, label, type, options, required}; submit(values) is awaited, a 400
 * naming a field shows its message next to that field. Returns {form, fill(row), reset()}.
 */
export function form(fields, submit, { submitLabel = 'Save', id } = {}) {
  const inputs = {};
  const errors = {};
  const status = h('span', { role: 'status' });
  const controls = fields.map(f => {
    const inputId = `${id || 'f'}-${f.name.replace(/[^a-z0-9]/gi, '-')}`;
    let input;
    if (f.type === 'select') {
      input = h('select', { id: inputId, name: f.name }, ...(f.options || []).map(o => h('option', { value: o.value ?? o }, o.label ?? o)));
    } else if (f.type === 'checkbox') {
      input = h('input', { id: inputId, name: f.name, type: 'checkbox', checked: f.checked });
    } else {
      input = h('input', { id: inputId, name: f.name, type: f.type === 'json' ? 'text' : (f.type || 'text'), required: f.required, placeholder: f.placeholder, autocomplete: f.type === 'password' ? 'new-password' : 'off' });
    }
    // as the default too, so reset() after a save restores it
    if (f.value !== undefined && f.type !== 'checkbox') { input.value = f.value; if (input.tagName === 'INPUT') input.defaultValue = f.value; }
    inputs[f.name] = input;
    errors[f.name] = h('span', { class: 'field-error', id: `${inputId}-error`, 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', `${inputId}-error`);
    return h('label', { for: inputId }, f.label, input, errors[f.name]);
  });
  const hiddenId = { value: '' };
  const el = h('form', { class: 'grid', id, novalidate: true }, ...controls, h('div', {}, h('button', { type: 'submit' }, submitLabel), ' ', status));
  el.addEventListener('submit', async ev => {
    ev.preventDefault();
    Object.values(errors).forEach(e => (e.textContent = ''));
    status.textContent = 'Saving…';
    status.className = '';
    const values = {};
    if (hiddenId.value) values.id = Number(hiddenId.value);
    try {
      for (const f of fields) {
        const input = inputs[f.name];
        let v = f.type === 'checkbox' ? input.checked : input.value.trim();
        if (v === '' && f.type !== 'checkbox') continue;
        if (f.type === 'number') v = Number(v);
        if (f.type === 'json') {
          try { v = JSON.parse(v); } catch { throw Object.assign(new Error('not valid JSON'), { field: f.name }); }
        }
        setPath(values, f.name, v);
      }
      await submit(values);
      status.textContent = 'Saved';
      status.className = 'ok';
    } catch (e) {
      status.textContent = '';
      const key = e.field && Object.keys(errors).find(n => n === e.field || n.startsWith(e.field + '.') || e.field.startsWith(n));
      if (key) {
        errors[key].textContent = e.message;
        inputs[key].focus();
      } else {
        status.textContent = e.message;
        status.className = 'error';
      }
    }
  });
  return {
    form: el,
    fill(row) {
      hiddenId.value = row.id ?? '';
      for (const f of fields) {
        const v = getPath(row, f.name);
        if (f.type === 'checkbox') inputs[f.name].checked = !!v;
        else if (f.type !== 'password') inputs[f.name].value = v == null ? '' : (typeof v === 'object' ? JSON.stringify(v) : v);
      }
      inputs[fields[0].name].focus();
    },
    reset() { hiddenId.value = ''; el.reset(); },
  };
}

/**
 * A table of rows; columns are [header, row => cell]; actions(row) returns buttons. Opt-in batch
 * selection: options.batch = {label: row => text, actions: [{label, cls, confirm, run: row => promise}],
 * done: () => refresh} adds a checkbox column, select-all and a bar that runs an action on every
 * selected row one call at a time (the API has no batch routes) and reports the failures.
 */
export function table(list, columns, actions, options = {}) {
  if (!list.length) return h('p', {}, 'Nothing yet.');
  const batch = options.batch;
  const checks = batch ? list.map((r, i) => h('input', { type: 'checkbox', 'aria-label': `Select ${batch.label ? batch.label(r) : `row ${i + 1}`}`, class: 'pick' })) : [];
  const all = batch ? h('input', { type: 'checkbox', 'aria-label': 'Select all', class: 'pick-all' }) : null;
  const bar = batch ? batchBar(list, checks, all, batch) : null;
  const el = h('table', {},
    h('thead', {}, h('tr', {}, batch ? h('th', { class: 'pick' }, all) : null, ...columns.map(c => h('th', { scope: 'col' }, c[0])), actions ? h('th', {}, h('span', { class: 'sr' }, 'Actions')) : null)),
    h('tbody', {}, ...list.map((r, i) => h('tr', {}, batch ? h('td', { class: 'pick' }, checks[i]) : null, ...columns.map(c => h('td', {}, c[1](r) ?? '')), actions ? h('td', { class: 'actions' }, ...actions(r)) : null))));
  return bar ? h('div', { class: 'batch-table' }, bar, h('div', { class: 'table-wrap' }, el)) : h('div', { class: 'table-wrap' }, el);
}

function batchBar(list, checks, all, batch) {
  const count = h('span', { class: 'count' }, '0 selected');
  const status = h('span', { role: 'status', class: 'batch-status' });
  const buttons = batch.actions.map(a => button(a.label, () => runSelected(a), a.cls || 'secondary'));
  const selected = () => list.filter((r, i) => checks[i].checked);
  const sync = () => {
    const n = selected().length;
    count.textContent = `${n} selected`;
    all.checked = n === list.length;
    all.indeterminate = n > 0 && n < list.length;
    buttons.forEach(b => (b.disabled = n === 0));
  };
  async function runSelected(action) {
    const picked = selected();
    if (action.confirm && !window.confirm(`${action.label} ${picked.length} selected?`)) return;
    buttons.forEach(b => (b.disabled = true));
    status.className = 'batch-status';
    status.textContent = `${action.label}: working on ${picked.length}…`;
    const result = await runBatch(picked, action.run);
    const failed = result.failed.map(f => `${batch.label ? batch.label(f.item) : ''}: ${f.error.message}`);
    status.textContent = `${action.label}: ${result.ok} done` + (failed.length ? `, ${failed.length} failed (${failed.join('; ')})` : '');
    status.className = failed.length ? 'batch-status error' : 'batch-status ok';
    if (batch.done) await batch.done(status.textContent, !failed.length);
    else sync();
  }
  checks.forEach(c => c.addEventListener('change', sync));
  all.addEventListener('change', () => { checks.forEach(c => (c.checked = all.checked)); sync(); });
  sync();
  return h('div', { class: 'batch-bar', role: 'toolbar', 'aria-label': 'With selected rows' }, count, ...buttons, status);
}

/** Runs fn(item) for each item in turn; resolves to {ok, failed: [{item, error}]}, never rejects. */
export async function runBatch(items, fn) {
  const failed = [];
  let ok = 0;
  for (const item of items) {
    try { await fn(item); ok++; } catch (error) { failed.push({ item, error }); }
  }
  return { ok, failed };
}

/** A button that swaps itself for an inline text input; Enter or Save calls save(value), Escape cancels. */
export function inlineEdit(label, current, save, { id } = {}) {
  const trigger = button(label, () => {
    const input = h('input', { id, value: current || '', 'aria-label': label });
    const status = h('span', { role: 'status', class: 'error' });
    const box = h('form', { class: 'inline-edit' }, input, h('button', { type: 'submit' }, 'Save'), button('Cancel', () => box.replaceWith(trigger), 'secondary'), status);
    box.addEventListener('submit', async ev => {
      ev.preventDefault();
      try { await save(input.value.trim()); } catch (e) { status.textContent = e.message; input.focus(); }
    });
    input.addEventListener('keydown', ev => { if (ev.key === 'Escape') { box.replaceWith(trigger); trigger.focus(); } });
    trigger.replaceWith(box);
    input.focus();
  }, 'secondary');
  return trigger;
}

export const button = (label, onclick, cls) => h('button', { type: 'button', class: cls, onclick }, label);

export async function confirmDelete(path, what, after) {
  if (!window.confirm(`Delete ${what}?`)) return;
  try { await api(path, { method: 'DELETE' }); after(); } catch (e) { window.alert(e.message); }
}

/** A secret shown once with a copy button. */
export function shownOnce(label, secret) {
  const code = h('code', { class: 'secret', id: 'new-secret' }, secret);
  const copy = button('Copy', async () => {
    try { await navigator.clipboard.writeText(secret); copy.textContent = 'Copied'; } catch { copy.textContent = 'Select and copy'; }
  }, 'secondary');
  return h('div', { class: 'shown-once', role: 'alert' }, h('p', {}, `${label} — shown once, copy it now:`), code, ' ', copy);
}

/** Bars of values per bucket as inline SVG. points: [{label, value}] */
export function barChart(points, title) {
  const w = 640, hgt = 200, pad = 30;
  const max = Math.max(1, ...points.map(p => p.value));
  const bw = points.length ? Math.min(60, (w - pad) / points.length) : 0;
  const bars = points.map((p, i) => {
    const bh = (p.value / max) * (hgt - pad);
    return svg('g', {},
      svg('rect', { class: 'bar', x: pad + i * bw + 2, y: hgt - pad - bh + 10, width: Math.max(1, bw - 4), height: bh }, svg('title', {}, `${p.label}: ${p.value}`)),
      svg('text', { x: pad + i * bw + 2, y: hgt }, p.label));
  });
  return svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${hgt + 4}`, role: 'img', 'aria-label': title },
    svg('text', { x: 0, y: 12 }, String(max)), svg('line', { x1: pad, y1: hgt - pad + 10, x2: w, y2: hgt - pad + 10, stroke: '#999' }), ...bars);
}
