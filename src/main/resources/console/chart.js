// Stacked bar charts as inline SVG (no library): one bar per time bucket, one segment per group.
import { h, svg } from './ui.js';

const PALETTE = ['#2f5bd3', '#e07b39', '#2a9d8f', '#c0392b', '#8e5cc4', '#d4a017', '#5d6d7e', '#16a085'];

/** The colour of the i-th group; the legend and the bars agree on it. */
export const colour = i => PALETTE[i % PALETTE.length];

/**
 * buckets: [{label, parts: Map(group → value)}]; groups: the group names in legend order.
 * Returns a figure with the chart, its title and a legend; each segment has a tooltip.
 */
export function stackedBars(buckets, groups, { title, format = String, id } = {}) {
  const w = 640, hgt = 200, pad = 60, top = 14;
  const totals = buckets.map(b => [...b.parts.values()].reduce((a, v) => a + v, 0));
  const max = Math.max(...totals, 0) || 1;
  const bw = buckets.length ? Math.min(60, (w - pad) / buckets.length) : 0;
  const scale = v => (v / max) * (hgt - pad);
  const every = Math.max(1, Math.ceil(buckets.length / 6)); // at most six axis labels, so they never overlap
  const bars = buckets.map((b, i) => {
    let y = hgt - pad + top;
    const x = pad + i * bw + 2;
    const segments = groups.map((g, gi) => {
      const v = b.parts.get(g) || 0;
      if (!v) return null;
      const sh = Math.max(1, scale(v));
      y -= sh;
      return svg('rect', { class: 'bar', x, y, width: Math.max(1, bw - 4), height: sh, fill: colour(gi) },
        svg('title', {}, `${b.label} · ${g}: ${format(v)}`));
    }).filter(Boolean);
    return svg('g', {}, ...segments, ...(i % every === 0 ? [svg('text', { x, y: hgt - pad + top + 20 }, b.label)] : []));
  });
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${hgt - pad + top + 28}`, role: 'img', 'aria-label': `${title}: ${groups.length} groups, peak ${format(max)}` },
    svg('text', { x: 0, y: top + 4 }, format(max)), svg('text', { x: 0, y: hgt - pad + top }, '0'),
    svg('line', { x1: pad, y1: hgt - pad + top, x2: w, y2: hgt - pad + top, stroke: '#999' }), ...bars);
  const legend = h('ul', { class: 'legend' }, ...groups.map((g, gi) => h('li', {},
    svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, svg('rect', { width: 12, height: 12, fill: colour(gi) })), ` ${g}`)));
  return h('figure', { class: 'chart-figure', id }, h('figcaption', {}, title), chart, legend);
}
