import * as echarts from './vendor/echarts.js';
import type { ContestedClaim, CountSeries, PositionPoint } from './api.js';

/**
 * The dashboard's pictures, drawn with Apache ECharts on canvas. Each function takes plain data
 * and (re)draws one chart in place; ECharts animates from the previous state, so a live update
 * looks like growth, not a redraw.
 */

const dark = window.matchMedia('(prefers-color-scheme: dark)');
const AFFIRM = dark.matches ? '#6f9dff' : '#2f6fdf';
const DENY = dark.matches ? '#ff8a50' : '#d9480f';
const TEXT = dark.matches ? '#e6e9ef' : '#1d2433';
const MUTED = dark.matches ? '#a3acbd' : '#5a6478';
const LINE = dark.matches ? '#323a48' : '#dde2ea';
/** the watched actor first, in the accent; its contradictors in warm tones; others muted */
const PALETTE = ['#2456c8', '#d9480f', '#e8a317', '#9c36b5', '#0c8599', '#5c940d', '#c2255c', '#495057'];

const charts = new Map<HTMLElement, echarts.ECharts>();

/** The mark a tooltip is about, with the data item this file gave it (the tooltips here are per item). */
function itemOf<T>(params: echarts.TooltipComponentFormatterCallbackParams): echarts.DefaultLabelFormatterCallbackParams & { data: T } {
  return (Array.isArray(params) ? params[0] : params) as echarts.DefaultLabelFormatterCallbackParams & { data: T };
}

function chartOf(el: HTMLElement): echarts.ECharts {
  let chart = charts.get(el);
  if (!chart) {
    chart = echarts.init(el, dark.matches ? 'dark' : undefined, { renderer: 'canvas' });
    charts.set(el, chart);
  }
  return chart;
}

// one observer for every chart: a chart follows its box (window resize, the claim view opening)
const resizer = new ResizeObserver((entries) => {
  for (const entry of entries) charts.get(entry.target as HTMLElement)?.resize();
});

/** Charts updated more often than this draw without animating: a burst must not animate non-stop. */
const CALM_MS = 10_000;
const drawn = new WeakMap<HTMLElement, { signature: string; at: number }>();

/**
 * Draws `option` into `el`, unless it would draw exactly what is there (the pictures are asked for
 * again on every burst of statements, and most bursts change one chart, not four).
 */
function draw(el: HTMLElement, option: echarts.EChartsCoreOption, replace = false): echarts.ECharts {
  const fresh = !charts.has(el);
  const chart = chartOf(el);
  if (fresh) resizer.observe(el);
  // functions (formatters) do not serialise, and need not: they read the same data
  const signature = JSON.stringify(option);
  const last = drawn.get(el);
  if (last?.signature === signature) return chart;
  const now = Date.now();
  const busy = last !== undefined && now - last.at < CALM_MS;
  drawn.set(el, { signature, at: now });
  chart.setOption(busy ? { ...option, animation: false } : option, { notMerge: replace, lazyUpdate: true });
  el.dataset.drawn = 'true';
  return chart;
}

const base = {
  backgroundColor: 'transparent',
  textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif', color: TEXT },
  // ECharts' own description would replace ours, which says what the picture means
  aria: { enabled: false },
  animationDurationUpdate: 400,
};

function narrow(el: HTMLElement): boolean {
  return el.clientWidth < 480;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const DAY_MS = 24 * 3600 * 1000;

/** `2026-03-04` as `4 Mar` (`Mar 2026` for months), in the reader's language. */
function bucketLabel(start: string, unit: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  return unit === 'month'
    ? d.toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' })
    : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** Every bucket start from the first to the last any series has (they may start apart). */
function allStarts(series: CountSeries[], unit: string): string[] {
  const starts = [...new Set(series.flatMap((s) => s.buckets.map((b) => b.start)))].sort();
  if (unit !== 'day' || starts.length < 2) return starts;
  const out: string[] = [];
  for (let t = Date.parse(`${starts[0]}T00:00:00Z`), end = Date.parse(`${starts[starts.length - 1]}T00:00:00Z`); t <= end; t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * Statements per day (or week, month), one series per actor: grouped bars while the buckets
 * are few, lines with a zoom slider when there are many.
 */
export function drawTimeline(el: HTMLElement, series: CountSeries[], unit: string): void {
  const starts = allStarts(series, unit);
  const many = starts.length > 45;
  const index = new Map(starts.map((s, i) => [s, i]));
  // the picture in words, for screen readers (and for whoever checks what it shows)
  el.setAttribute(
    'aria-label',
    `Statements per ${unit}. ` +
      series
        .map(
          (s) =>
            `${s.name}: ${s.total} in all; ${
              s.buckets
                .filter((b) => b.count)
                .map((b) => `${b.count} on ${b.start}`)
                .join(', ') || 'none'
            }.`,
        )
        .join(' '),
  );
  draw(
    el,
    {
      ...base,
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: many ? 'line' : 'shadow' } },
      legend: { top: 0, left: 0, type: 'scroll', textStyle: { color: TEXT }, icon: 'roundRect' },
      grid: { left: 8, right: 12, top: 34, bottom: many ? 44 : 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: starts.map((s) => bucketLabel(s, unit)),
        axisLabel: { color: MUTED, hideOverlap: true },
        axisTick: { alignWithLabel: true },
        axisLine: { lineStyle: { color: LINE } },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: LINE } } },
      dataZoom: many ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 6 }] : [],
      series: series.map((s, i) => {
        const data = new Array<number>(starts.length).fill(0);
        for (const b of s.buckets) data[index.get(b.start) ?? 0] = b.count;
        return {
          id: s.key || 'all',
          name: s.name,
          type: many ? 'line' : 'bar',
          barMaxWidth: 30,
          barGap: '12%',
          showSymbol: false,
          smooth: many ? 0.2 : false,
          areaStyle: many && i === 0 ? { opacity: 0.12 } : undefined,
          lineStyle: { width: i === 0 ? 3 : 2 },
          itemStyle: { borderRadius: many ? 0 : [3, 3, 0, 0] },
          emphasis: { focus: 'series' },
          data,
        };
      }),
    },
    true,
  );
}

/** Affirmed against denied, one bar per contested claim; a click opens the claim. */
export function drawContested(el: HTMLElement, claims: ContestedClaim[], open: (key: string) => void): void {
  const small = narrow(el);
  const rows = [...claims].reverse(); // ECharts draws the first category at the bottom
  el.setAttribute(
    'aria-label',
    `Stance split per contested claim. ` +
      claims
        .map(
          (c) =>
            `${c.claim.text}: affirmed ${c.affirmCount} times by ${c.affirmedBy.map((a) => a.name).join(', ')}; denied ${c.denyCount} times by ${c.deniedBy.map((a) => a.name).join(', ')}.`,
        )
        .join(' '),
  );
  el.style.height = `${Math.max(9, 4 + claims.length * 2.4)}rem`;
  const chart = draw(
    el,
    {
      ...base,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const c = rows[i];
          const esc = (t: string) => t.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
          const who = (actors: { name: string }[]) => esc(actors.map((a) => a.name).join(', ') || '—');
          return `<b>${esc(shorten(c.claim.text, 90))}</b><br>Affirmed ${c.affirmCount}× by ${who(c.affirmedBy)}<br>Denied ${c.denyCount}× by ${who(c.deniedBy)}`;
        },
      },
      legend: { top: 0, left: 0, textStyle: { color: TEXT }, icon: 'roundRect', data: ['affirm', 'deny'] },
      grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: LINE } } },
      yAxis: {
        type: 'category',
        data: rows.map((c) => shorten(c.claim.text, small ? 22 : 34)),
        axisLabel: { color: TEXT, width: small ? 120 : 200, overflow: 'truncate' },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: LINE } },
        triggerEvent: true,
      },
      series: [
        {
          name: 'affirm',
          type: 'bar',
          stack: 'stance',
          color: AFFIRM,
          barMaxWidth: 22,
          itemStyle: { borderRadius: [3, 0, 0, 3] },
          label: {
            show: !small,
            position: 'insideLeft',
            color: '#fff',
            formatter: (p: echarts.DefaultLabelFormatterCallbackParams) => names(rows[p.dataIndex].affirmedBy),
          },
          data: rows.map((c) => c.affirmCount),
        },
        {
          name: 'deny',
          type: 'bar',
          stack: 'stance',
          color: DENY,
          barMaxWidth: 22,
          itemStyle: { borderRadius: [0, 3, 3, 0] },
          label: {
            show: !small,
            position: 'insideRight',
            color: '#fff',
            formatter: (p: echarts.DefaultLabelFormatterCallbackParams) => names(rows[p.dataIndex].deniedBy),
          },
          data: rows.map((c) => c.denyCount),
        },
      ],
    },
    true,
  );
  chart.off('click');
  chart.on('click', (p: echarts.ECElementEvent) => {
    const index = p.componentType === 'yAxis' ? rows.findIndex((c) => shorten(c.claim.text, small ? 22 : 34) === p.value) : p.dataIndex;
    if (rows[index]) open(rows[index].claim.key);
  });
}

function names(actors: { name: string }[]): string {
  return actors.length > 2 ? `${actors[0].name} +${actors.length - 1}` : actors.map((a) => a.name).join(', ');
}

export interface ContradictionPair {
  a: { key: string; name: string };
  b: { key: string; name: string };
  /** claims on which they take opposite sides */
  claims: number;
}

/** Top-level actors as a ring, a line between each two on opposite sides of a claim. */
export function drawNetwork(el: HTMLElement, pairs: ContradictionPair[], focus: string | null): void {
  const nodes = new Map<string, { name: string; weight: number }>();
  for (const p of pairs) {
    for (const side of [p.a, p.b]) {
      const n = nodes.get(side.key) ?? { name: side.name, weight: 0 };
      n.weight += p.claims;
      nodes.set(side.key, n);
    }
  }
  el.setAttribute(
    'aria-label',
    `Who contradicts whom. ${pairs.map((p) => `${p.a.name} and ${p.b.name} take opposite sides on ${p.claims} claim${p.claims > 1 ? 's' : ''}.`).join(' ')}`,
  );
  const max = Math.max(1, ...[...nodes.values()].map((n) => n.weight));
  const maxClaims = Math.max(1, ...pairs.map((p) => p.claims));
  draw(
    el,
    {
      ...base,
      tooltip: {
        formatter: (params: echarts.TooltipComponentFormatterCallbackParams) => {
          const p = itemOf<{ name?: string; names?: string; value: number }>(params);
          return p.dataType === 'edge'
            ? `${p.data.names} disagree on ${p.data.value} claim${p.data.value > 1 ? 's' : ''}`
            : `${p.data.name}: opposed on ${p.data.value} claim${p.data.value > 1 ? 's' : ''}`;
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'circular',
          circular: { rotateLabel: false },
          roam: false,
          top: 28,
          bottom: 28,
          left: 60,
          right: 60,
          label: { show: true, position: 'right', color: TEXT, fontWeight: 600 },
          // a ring of twenty countries: a label that would cover another is left to the tooltip
          labelLayout: { hideOverlap: true },
          lineStyle: { color: DENY, opacity: 0.55, curveness: 0.15 },
          emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.9 } },
          data: [...nodes].map(([key, n]) => ({
            id: key,
            name: n.name,
            value: n.weight,
            symbolSize: 14 + 26 * Math.sqrt(n.weight / max),
            itemStyle: { color: key === focus ? PALETTE[0] : MUTED, borderColor: key === focus ? PALETTE[0] : LINE, borderWidth: 2 },
            label: { fontWeight: key === focus ? 800 : 600 },
          })),
          links: pairs.map((p) => ({
            source: p.a.key,
            target: p.b.key,
            value: p.claims,
            names: `${p.a.name} and ${p.b.name}`,
            lineStyle: { width: 1.5 + 6 * (p.claims / maxClaims) },
          })),
        },
      ],
    },
    true,
  );
}

/** One row per top-level actor, a mark per statement on the claim: where each stood, and when. */
export function drawPositions(el: HTMLElement, points: PositionPoint[]): void {
  const actors = [...new Set(points.map((p) => p.actor))];
  const stance = (s: 'AFFIRMS' | 'DENIES') => points.filter((p) => p.stance === s);
  const row = (p: PositionPoint) => ({ value: [p.saidAt, p.actor], speaker: p.speaker, text: p.text });
  el.style.height = `${Math.max(9, 3.2 + actors.length * 2.6)}rem`;
  el.setAttribute(
    'aria-label',
    `Position timeline. ${actors
      .map(
        (a) =>
          `${a}: ${points
            .filter((p) => p.actor === a)
            .map((p) => `${p.stance === 'AFFIRMS' ? 'affirms' : 'denies'} on ${p.saidAt.slice(0, 10)}`)
            .join(', ')}.`,
      )
      .join(' ')}`,
  );
  draw(
    el,
    {
      ...base,
      tooltip: {
        formatter: (params: echarts.TooltipComponentFormatterCallbackParams) => {
          const p = itemOf<ReturnType<typeof row>>(params);
          const esc = (t: string) => t.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
          return `<b>${esc(p.data.speaker)}</b> ${p.seriesName}s · ${esc(String(p.data.value[0]).slice(0, 10))}<br>${esc(shorten(p.data.text, 120))}`;
        },
      },
      legend: { top: 0, left: 0, textStyle: { color: TEXT }, data: ['affirm', 'deny'] },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: {
        type: 'time',
        axisLabel: { color: MUTED, hideOverlap: true, formatter: { year: '{yyyy}', month: '{MMM} {yyyy}', day: '{d} {MMM}', hour: '{d} {MMM} {HH}:{mm}' } },
        splitLine: { show: false },
        minInterval: DAY_MS,
        // room around the first and last mark, so none sits on the edge
        min: (v: { min: number; max: number }) => v.min - Math.max(DAY_MS / 2, (v.max - v.min) * 0.05),
        max: (v: { min: number; max: number }) => v.max + Math.max(DAY_MS / 2, (v.max - v.min) * 0.05),
      },
      yAxis: {
        type: 'category',
        data: actors,
        axisLabel: { color: TEXT, fontWeight: 600 },
        axisTick: { show: false },
        splitLine: { show: true, lineStyle: { color: LINE } },
      },
      series: [
        { name: 'affirm', type: 'scatter', symbol: 'circle', symbolSize: 16, color: AFFIRM, data: stance('AFFIRMS').map(row) },
        { name: 'deny', type: 'scatter', symbol: 'diamond', symbolSize: 18, color: DENY, data: stance('DENIES').map(row) },
      ],
    },
    true,
  );
}

/** Releases a chart whose panel is gone for good. */
export function clearChart(el: HTMLElement): void {
  const chart = charts.get(el);
  if (!chart) return;
  resizer.unobserve(el);
  chart.dispose();
  charts.delete(el);
  drawn.delete(el);
  delete el.dataset.drawn;
}
