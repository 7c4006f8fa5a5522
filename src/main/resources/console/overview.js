// The overview: today's traffic and cost, how much of it failed, unhealthy credentials, quotas under pressure.
import { api, rows } from './api.js';
import { h, card, table } from './ui.js';
import { pressure, windowCells } from './limits.js';
import { directory } from './people.js';

const stat = (label, value, id) => h('div', { class: 'stat', id }, h('b', {}, value), label);
const percent = (part, whole) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '—');

export async function overviewPage(main) {
  const day = Math.floor(Date.now() / 86400000) * 86400;
  const loading = h('p', { class: 'loading' }, 'Loading…');
  main.append(loading);
  const [summary, interrupted, providers, statuses, quotas, logged, dir] = await Promise.all([
    api(`/admin/usage-summary?at_from=${day}`),
    api(`/admin/usage-summary?at_from=${day}&ended=interrupted`),
    api('/admin/providers').then(rows),
    api('/admin/credential-statuses').then(rows).catch(() => []),
    api('/admin/quotas').then(rows),
    api(`/admin/logs?at_from=${day}&limit=1000`).then(rows).catch(() => []),
    directory(),
  ]).finally(() => loading.remove());
  const unhealthy = statuses.filter(s => s.health_kind && s.health_kind !== 'healthy');
  const hot = quotas.filter(q => pressure(q) >= 0.8).sort((a, b) => pressure(b) - pressure(a));
  const failed = logged.filter(r => r.status >= 400).length;
  main.append(h('h1', {}, 'Overview'),
    h('div', { class: 'stats', id: 'overview-stats' },
      stat('requests today', summary.requests ?? 0), stat('tokens today', summary.total_tokens ?? 0),
      stat('cost today (USD)', Number(summary.cost ?? 0).toFixed(4)),
      logged.length ? stat(`error rate today (${failed} of ${logged.length} logged requests ≥ 400)`, percent(failed, logged.length), 'overview-error-rate')
        : stat('interrupted today (settled requests that did not complete)', percent(interrupted.requests ?? 0, summary.requests ?? 0), 'overview-error-rate'),
      stat('providers', providers.length), stat('unhealthy credentials', unhealthy.length), stat('quotas above 80 %', hot.length, 'overview-hot-quotas')),
    card('Unhealthy credentials', unhealthy.length
      ? table(unhealthy, [['Credential', s => s.credential_id], ['Model', s => s.model_id], ['Health', s => s.health_kind], ['Last error', s => s.last_error]])
      : h('p', {}, 'All credentials healthy.')),
    card('Quotas above 80 %', hot.length
      ? h('div', { id: 'overview-quotas' }, table(hot, [['Applies to', dir.subject], ['Windows', windowCells]]))
      : h('p', { id: 'overview-quotas' }, 'No quota window is above 80 %.')));
}
