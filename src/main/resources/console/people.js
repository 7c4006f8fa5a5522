// Orgs, teams, users and their keys, and the access rows that hang off them: route permissions,
// rate limits and quotas (with the spend of each window). Batch actions issue one call per row.
import { api, rows } from './api.js';
import { h, card, form, table, button, load, confirmDelete, shownOnce, inlineEdit } from './ui.js';
import { windowCells, limitText, pendingCell } from './limits.js';

const yesNo = v => (v ? 'yes' : 'no');
const enabled = r => r.enabled !== false;

/** Enable, Disable and Delete on the selected rows; save(row, patch) and remove(row) are one call each. */
function toggles(label, save, remove, done) {
  return {
    label, done,
    actions: [
      { label: 'Enable', run: r => save(r, { enabled: true }) },
      { label: 'Disable', run: r => save(r, { enabled: false }) },
      { label: 'Delete', cls: 'danger', confirm: true, run: remove },
    ],
  };
}

/** A status line kept across refreshes, for the summary of the last batch. */
function note(id) {
  const el = h('p', { role: 'status', class: 'note', id });
  return { el, show(text, ok) { el.textContent = text; el.className = `note ${ok ? 'ok' : 'error'}`; } };
}

function toggleButton(r, save, after) {
  return button(enabled(r) ? 'Disable' : 'Enable', async ev => {
    try { await save(r, { enabled: !enabled(r) }); after(); } catch (e) { ev.target.replaceWith(h('span', { class: 'error', role: 'alert' }, e.message)); }
  }, 'secondary');
}

/** Everything a scope picker offers: users, teams (with their org) and orgs, as "scope:id" values. */
export async function directory() {
  const [users, orgs] = await Promise.all([api('/admin/users').then(rows), api('/admin/orgs').then(rows)]);
  const teams = (await Promise.all(orgs.map(o => api(`/admin/orgs/${o.id}/teams`).then(rows).catch(() => [])))).flat();
  const orgName = id => (orgs.find(o => o.id === id) || {}).name;
  const subjects = [
    ...users.map(u => ({ value: `user:${u.id}`, label: `user ${u.name}` })),
    ...teams.map(t => ({ value: `team:${t.id}`, label: `team ${orgName(t.org_id)}/${t.name}` })),
    ...orgs.map(o => ({ value: `org:${o.id}`, label: `org ${o.name}` })),
  ];
  const subject = r => (subjects.find(s => s.value === `${r.scope}:${r.scope_id}`) || {}).label || `${r.scope} ${r.scope_id}`;
  return { users, orgs, teams, orgName, subjects, subject };
}

/** The scope/scope_id pair from a "scope:id" picker value; API errors on either land on the picker. */
async function scoped(values, send) {
  const [scope, id] = String(values.subject || '').split(':');
  const body = { ...values, scope, scope_id: Number(id) };
  delete body.subject;
  try {
    return await send(body);
  } catch (e) {
    if (e.field === 'scope' || e.field === 'scope_id') e.field = 'subject';
    throw e;
  }
}

/**
 * One access collection (route permissions, rate limits or quotas) as a form and a table, optionally
 * fixed to one subject (the user detail) instead of offering the picker.
 */
function accessCard({ title, path, id, fields, columns, dir, fixed }) {
  const list = h('div', { id: `${id}-list` });
  const status = note(`${id}-note`);
  const all = fixed ? [] : [{ name: 'subject', label: 'Applies to', type: 'select', options: dir.subjects }];
  const editor = form([...all, ...fields], values => scoped(fixed ? { ...values, subject: fixed } : values, async body => {
    await api(path, { method: 'POST', body });
    editor.reset();
    refresh();
  }), { id, submitLabel: 'Save' });
  const mine = r => !fixed || `${r.scope}:${r.scope_id}` === fixed;
  const refresh = () => load(list, () => api(path), data => table(rows(data).filter(mine), [...(fixed ? [] : [['Applies to', dir.subject]]), ...columns], r => [
    button('Edit', () => editor.fill({ ...r, subject: `${r.scope}:${r.scope_id}` }), 'secondary'),
    button('Delete', () => confirmDelete(`${path}/${r.id}`, `${title.toLowerCase()} ${r.id}`, refresh), 'danger'),
  ], { batch: { label: r => `${dir ? dir.subject(r) : ''} ${r.id}`.trim(), actions: [{ label: 'Delete', cls: 'danger', confirm: true, run: r => api(`${path}/${r.id}`, { method: 'DELETE' }) }], done: (t, ok) => { status.show(t, ok); refresh(); } } }));
  refresh();
  return card(title, editor.form, status.el, list);
}

const PERMISSION = { path: '/admin/route-permissions', fields: [{ name: 'route_pattern', label: 'Route pattern (glob)', value: '*', required: true }], columns: [['Route pattern', p => p.route_pattern]] };
const RATE_LIMIT = {
  path: '/admin/rate-limits',
  fields: [{ name: 'route_pattern', label: 'Route pattern', value: '*' }, { name: 'rpm', label: 'Requests / minute', type: 'number' },
    { name: 'rpd', label: 'Requests / day', type: 'number' }, { name: 'total_tokens', label: 'Tokens / day', type: 'number' }],
  columns: [['Route pattern', r => r.route_pattern], ['Limits', limitText]],
};
const QUOTA = {
  path: '/admin/quotas',
  fields: [['quota_total', 'Total'], ['quota_daily', 'Daily'], ['quota_weekly', 'Weekly'], ['quota_monthly', 'Monthly'], ['quota_5h', '5-hour'], ['quota_7d', '7-day']]
    .map(([name, label]) => ({ name, label: `${label} (USD)`, placeholder: 'no limit' })),
  columns: [['Spent / limit per window', windowCells], ['In flight', pendingCell]],
};

export async function quotasPage(main) {
  const dir = await directory();
  main.append(h('h1', {}, 'Access, limits and quotas'),
    h('p', { class: 'hint' }, 'Every row applies to a user, a team or an org; a caller must fit all quotas and limits of its user → team → org chain.'),
    accessCard({ title: 'Quotas', id: 'form-quota', dir, ...QUOTA }),
    accessCard({ title: 'Rate limits', id: 'form-rate-limit', dir, ...RATE_LIMIT }),
    accessCard({ title: 'Route permissions', id: 'form-route-permission', dir, ...PERMISSION }));
}

export async function usersPage(main) {
  const dir = await directory();
  const detail = h('div', { id: 'user-detail' });
  const list = h('div', { id: 'user-list' });
  const status = note('users-note');
  const teamLabel = t => `${dir.orgName(t.org_id)} / ${t.name}`;
  const save = (u, patch) => api('/admin/users', { method: 'POST', body: { id: u.id, ...patch } });
  const editor = form([
    { name: 'name', label: 'Name', required: true },
    { name: 'password', label: 'Password (blank keeps it)', type: 'password' },
    { name: 'org_id', label: 'Org', type: 'select', options: [{ value: '', label: '—' }, ...dir.orgs.map(o => ({ value: o.id, label: o.name }))] },
    { name: 'team_id', label: 'Team', type: 'select', options: [{ value: '', label: '—' }, ...dir.teams.map(t => ({ value: t.id, label: teamLabel(t) }))] },
    { name: 'is_admin', label: 'Administrator', type: 'checkbox' },
  ], async values => {
    for (const k of ['org_id', 'team_id']) if (values[k] !== undefined) values[k] = Number(values[k]);
    await api('/admin/users', { method: 'POST', body: values });
    editor.reset();
    refresh();
  }, { id: 'form-user' });
  const refresh = () => load(list, () => api('/admin/users'), data => table(rows(data), [
    ['Id', u => u.id], ['Name', u => u.name], ['Org', u => dir.orgName(u.org_id)], ['Team', u => (dir.teams.find(t => t.id === u.team_id) || {}).name],
    ['Admin', u => yesNo(u.is_admin)], ['Password', u => (u.has_password ? 'set' : 'none')], ['Enabled', u => yesNo(enabled(u))],
  ], u => [
    button('Edit', () => editor.fill(u), 'secondary'), toggleButton(u, save, refresh),
    button('Keys', () => userDetail(detail, u, dir), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/users/${u.id}`, `user ${u.name}`, refresh), 'danger'),
  ], { batch: toggles(u => u.name, save, u => api(`/admin/users/${u.id}`, { method: 'DELETE' }), (t, ok) => { status.show(t, ok); refresh(); }) }));
  main.append(h('h1', {}, 'Users'), card('User', editor.form), card(null, status.el, list), detail);
  await refresh();
}

function userDetail(node, user, dir) {
  const path = `/admin/users/${user.id}/keys`;
  const keys = h('div', { id: 'user-keys' });
  const once = h('div', {});
  const status = note('keys-note');
  const save = (k, patch) => api(path, { method: 'POST', body: { id: k.id, ...patch } });
  const refresh = () => load(keys, () => api(path), data => table(rows(data), [
    ['Id', k => k.id], ['Label', k => k.label], ['Key', k => k.api_key_preview], ['Enabled', k => yesNo(enabled(k))],
  ], k => [
    inlineEdit('Rename', k.label, async label => { await save(k, { label }); refresh(); }, { id: `rename-key-${k.id}` }),
    toggleButton(k, save, refresh),
    button('Delete', () => confirmDelete(`/admin/user-keys/${k.id}`, `key ${k.label || k.id}`, refresh), 'danger'),
  ], { batch: toggles(k => k.label || `key ${k.id}`, save, k => api(`/admin/user-keys/${k.id}`, { method: 'DELETE' }), (t, ok) => { status.show(t, ok); refresh(); }) }));
  const keyForm = form([{ name: 'label', label: 'Key label' }], async values => {
    const created = await api(path, { method: 'POST', body: values });
    once.replaceChildren(shownOnce(`Key ${created.label || created.id}`, created.api_key));
    keyForm.reset();
    refresh();
  }, { id: 'form-key', submitLabel: 'Create key' });
  const fixed = `user:${user.id}`;
  node.replaceChildren(
    card(`Keys of ${user.name}`, keyForm.form, once, status.el, keys),
    accessCard({ title: `Route permissions of ${user.name}`, id: 'form-permission', dir, fixed, ...PERMISSION, fields: [{ ...PERMISSION.fields[0], label: 'Route pattern' }] }),
    accessCard({ title: `Rate limits of ${user.name}`, id: 'form-user-rate-limit', dir, fixed, ...RATE_LIMIT }),
    accessCard({ title: `Quota of ${user.name}`, id: 'form-user-quota', dir, fixed, ...QUOTA }));
  refresh();
  keyForm.form.querySelector('input').focus();
}

export async function orgsPage(main) {
  const detail = h('div', { id: 'org-detail' });
  const list = h('div', { id: 'org-list' });
  const status = note('orgs-note');
  const save = (o, patch) => api('/admin/orgs', { method: 'POST', body: { id: o.id, ...patch } });
  const editor = form([{ name: 'name', label: 'Name', required: true }, { name: 'description', label: 'Description' }], async values => {
    await api('/admin/orgs', { method: 'POST', body: values });
    editor.reset();
    refresh();
  }, { id: 'form-org' });
  const refresh = () => load(list, () => api('/admin/orgs'), data => table(rows(data), [
    ['Id', o => o.id], ['Name', o => o.name], ['Description', o => o.description], ['Enabled', o => yesNo(enabled(o))],
  ], o => [
    button('Edit', () => editor.fill(o), 'secondary'), toggleButton(o, save, refresh),
    button('Teams', () => orgDetail(detail, o), 'secondary'),
    button('Delete', () => confirmDelete(`/admin/orgs/${o.id}`, `org ${o.name}`, refresh), 'danger'),
  ], { batch: toggles(o => o.name, save, o => api(`/admin/orgs/${o.id}`, { method: 'DELETE' }), (t, ok) => { status.show(t, ok); refresh(); }) }));
  main.append(h('h1', {}, 'Orgs and teams'), card('Org', editor.form), card(null, status.el, list), detail);
  await refresh();
}

function orgDetail(node, org) {
  const path = `/admin/orgs/${org.id}/teams`;
  const teams = h('div', { id: 'team-list' });
  const members = h('div', { id: 'org-members' });
  const status = note('teams-note');
  const memberStatus = note('members-note');
  const save = (t, patch) => api(path, { method: 'POST', body: { id: t.id, ...patch } });
  let teamRows = [];
  const teamForm = form([{ name: 'name', label: 'Team name', required: true }], async values => {
    await api(path, { method: 'POST', body: values });
    teamForm.reset();
    refresh();
  }, { id: 'form-team', submitLabel: 'Save team' });
  const assign = h('div', {});
  const refreshMembers = async () => {
    const users = rows(await api('/admin/users'));
    const teamName = id => (teamRows.find(t => t.id === id) || {}).name;
    members.replaceChildren(table(users.filter(u => u.org_id === org.id), [['Name', u => u.name], ['Team', u => teamName(u.team_id) || '—'], ['Enabled', u => yesNo(enabled(u))]], u => [
      button('Remove from org', async () => {
        try { await api('/admin/users', { method: 'POST', body: { id: u.id, org_id: null, team_id: null } }); refreshMembers(); } catch (e) { memberStatus.show(e.message, false); }
      }, 'secondary'),
    ]));
    const assignForm = form([
      { name: 'id', label: 'User', type: 'select', options: users.map(u => ({ value: u.id, label: u.name })) },
      { name: 'team_id', label: 'Team', type: 'select', options: [{ value: '', label: '— (org only)' }, ...teamRows.map(t => ({ value: t.id, label: t.name }))] },
    ], async values => {
      await api('/admin/users', { method: 'POST', body: { id: Number(values.id), org_id: org.id, team_id: values.team_id ? Number(values.team_id) : null } });
      refreshMembers();
    }, { id: 'form-assign', submitLabel: 'Assign to org' });
    assign.replaceChildren(assignForm.form);
  };
  const refresh = () => load(teams, async () => (teamRows = rows(await api(path))), data => table(data, [['Id', t => t.id], ['Team', t => t.name], ['Enabled', t => yesNo(enabled(t))]], t => [
    inlineEdit('Rename', t.name, async name => { await save(t, { name }); refresh(); }, { id: `rename-team-${t.id}` }),
    toggleButton(t, save, refresh),
    button('Delete', () => confirmDelete(`/admin/teams/${t.id}`, `team ${t.name}`, refresh), 'danger'),
  ], { batch: toggles(t => t.name, save, t => api(`/admin/teams/${t.id}`, { method: 'DELETE' }), (text, ok) => { status.show(text, ok); refresh(); }) })).then(refreshMembers);
  node.replaceChildren(card(`Teams of ${org.name}`, teamForm.form, status.el, teams), card(`Members of ${org.name}`, assign, memberStatus.el, members));
  refresh();
  teamForm.form.querySelector('input').focus();
}
