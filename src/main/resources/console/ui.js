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

/**
 * A keyboard-usable tab list (ARIA tabs: arrow keys, Home and End move between tabs). items are
 * [{id, label, render(panel)}]; the panel of tab id carries that id. Returns {el, select(id)}.
 */
export function tabs(items, label) {
  const buttons = {};
  const panels = {};
  const select = (id, focus) => {
    for (const it of items) {
      const on = it.id === id;
      buttons[it.id].setAttribute('aria-selected', String(on));
      buttons[it.id].tabIndex = on ? 0 : -1;
      panels[it.id].hidden = !on;
    }
    if (focus) buttons[id].focus();
    items.find(it => it.id === id).render(panels[id]);
  };
  items.forEach((it, i) => {
    const b = h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${it.id}`, 'aria-controls': it.id }, it.label);
    b.addEventListener('click', () => select(it.id));
    b.addEventListener('keydown', ev => {
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: items.length - 1 }[ev.key];
      if (to === undefined) return;
      ev.preventDefault();
      select(items[(to + items.length) % items.length].id, true);
    });
    buttons[it.id] = b;
    panels[it.id] = h('div', { role: 'tabpanel', id: it.id, 'aria-labelledby': `tab-${it.id}`, hidden: true });
  });
  const el = h('div', { class: 'tabbed' }, h('div', { role: 'tablist', class: 'tabs', 'aria-label': label }, ...Object.values(buttons)), ...Object.values(panels));
  return { el, select };
}

/** Adds help text under a form() field (by its input id) and ties it to the input for screen readers. */
export function hint(formEl, inputId, text) {
  const input = formEl.querySelector(`#${CSS.escape(inputId)}`);
  if (!input || !text) return;
  formEl.classList.add('hinted');
  const note = h('small', { class: 'hint', id: `${inputId}-hint` }, text);
  input.closest('label').append(note);
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${inputId}-hint`.trim());
}

/** Runs an action and shows its outcome in a status node: done(result) text on success, the error otherwise. */
export async function attempt(statusNode, action, done) {
  statusNode.className = '';
  statusNode.textContent = 'Working…';
  try {
    const result = await action();
    statusNode.textContent = done ? done(result) : 'Done';
    statusNode.className = 'ok';
    return result;
  } catch (e) {
    statusNode.textContent = e instanceof ApiError && e.code ? `${e.message} (${e.code})` : e.message;
    statusNode.className = 'error';
    return undefined;
  }
}

/** Flips a row's enabled flag through its collection's upsert, reporting in statusNode, then refresh(). */
export async function toggle(path, row, statusNode, refresh) {
  const on = row.enabled === false;
  await attempt(statusNode, () => api(path, { method: 'POST', body: { id: row.id, enabled: on } }),
    () => `${on ? 'Enabled' : 'Disabled'} ${row.name || row.model_id || row.alias || row.model_match || row.id}`);
  refresh();
}

/** Makes a form()'s preset values ({value}) its reset values too, so a form reset after a save restores them. */
export function keepDefaults(formEl) {
  for (const input of formEl.querySelectorAll('input:not([type=checkbox])')) if (input.value !== '') input.defaultValue = input.value;
}
