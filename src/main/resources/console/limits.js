// Quota windows as the gateway counts them (gproxy.access.Window): a stored *_used counts only while
// its anchor is the anchor of the window containing now; calendar windows follow UTC.
import { api, rows } from './api.js';
import { h } from './ui.js';

const DAY = 86400;
export const WINDOWS = [
  ['total', 'Total', 'quota_total', 'cost_used', null, () => 0],
  ['daily', 'Daily', 'quota_daily', 'day_used', 'day_anchor', s => Math.floor(s / DAY) * DAY],
  ['weekly', 'Weekly', 'quota_weekly', 'week_used', 'week_anchor', s => { const d = Math.floor(s / DAY); return (d - (((d + 3) % 7) + 7) % 7) * DAY; }],
  ['monthly', 'Monthly', 'quota_monthly', 'month_used', 'month_anchor', s => { const t = new Date(s * 1000); return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / 1000; }],
  ['5h', '5-hour', 'quota_5h', 'five_hour_used', 'five_hour_anchor', s => Math.floor(s / 18000) * 18000],
  ['7d', '7-day', 'quota_7d', 'seven_day_used', 'seven_day_anchor', s => Math.floor(s / (7 * DAY)) * 7 * DAY],
];

/** The windows a quota row limits: [{key, label, limit, used, fraction, resets}] (amounts in USD). */
export function quotaWindows(row, now = Math.floor(Date.now() / 1000)) {
  const out = [];
  for (const [key, label, limitCol, usedCol, anchorCol, anchor] of WINDOWS) {
    if (row[limitCol] === null || row[limitCol] === undefined || row[limitCol] === '') continue;
    const limit = Number(row[limitCol]);
    const current = anchorCol === null || (row[anchorCol] != null && Number(row[anchorCol]) >= anchor(now));
    const used = current ? Number(row[usedCol] || 0) : 0;
    out.push({ key, label, limit, used, fraction: limit > 0 ? used / limit : (used > 0 ? 1 : 0), opened: anchorCol ? anchor(now) : null });
  }
  return out;
}

/** The fullest window's fraction, 0 without windows. */
export const pressure = row => Math.max(0, ...quotaWindows(row).map(w => w.fraction));

/** Each window as "label: used / limit" with a meter; high use is marked. */
export function windowCells(row) {
  const windows = quotaWindows(row);
  if (!windows.length) return h('span', {}, 'no limit set');
  return h('ul', { class: 'windows' }, ...windows.map(w => h('li', { class: w.fraction >= 0.8 ? 'hot' : null },
    `${w.label}: $${w.used.toFixed(4)} / $${w.limit.toFixed(2)} (${Math.round(w.fraction * 100)} %)`,
    h('meter', { min: 0, max: 1, low: 0.5, high: 0.8, optimum: 0, value: Math.min(1, w.fraction), 'aria-label': `${w.label} used` }),
    w.opened ? h('small', {}, ` since ${new Date(w.opened * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`) : null)));
}

export const limitText = r => [r.rpm != null ? `${r.rpm}/min` : null, r.rpd != null ? `${r.rpd}/day` : null, r.total_tokens != null ? `${r.total_tokens} tokens/day` : null].filter(Boolean).join(', ') || 'none';

let pendingList = null;

/**
 * A quota row's reservations in flight on every instance (admin only: /admin/quota-pending), fetched
 * once for all the rows of a table render.
 */
export function pendingCell(row) {
  const cell = h('span', { class: 'pending', 'data-quota': row.id }, '…');
  if (!pendingList) {
    pendingList = api('/admin/quota-pending');
    pendingList.finally(() => setTimeout(() => { pendingList = null; }, 1000)).catch(() => {});
  }
  pendingList.then(list => {
    const p = rows(list).find(x => x.quota_id === row.id);
    cell.textContent = `$${Number(p ? p.pending : 0).toFixed(4)}`;
  }).catch(() => { cell.textContent = 'unavailable'; });
  return cell;
}
