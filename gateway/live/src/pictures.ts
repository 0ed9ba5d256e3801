import { ActorRef, contestedClaims, ContestedClaim, countsByActor, countsOfAll, CountSeries } from './api.js';
import { ContradictionPair, drawContested, drawNetwork, drawTimeline } from './charts.js';
import { h } from './dom.js';

export interface PicturesFilter {
  by: ActorRef | null;
  topic: string | null;
}

export interface PicturesElements {
  timeline: HTMLElement;
  timelineTitle: HTMLElement;
  timelineNote: HTMLElement;
  contested: HTMLElement;
  contestedList: HTMLOListElement;
  network: HTMLElement;
  networkList: HTMLUListElement;
}

/** What the pictures found, for the summary above them. */
export interface PicturesSummary {
  contested: ContestedClaim[];
  opponents: ActorRef[];
  series: CountSeries[];
  /** every statement the filter matches, when one of the series is exactly that */
  total: number | null;
}

const INTERVALS = ['DAY', 'WEEK', 'MONTH'] as const;
/** Past this many buckets a timeline gets coarser (days, then weeks, then months). */
const MAX_BUCKETS = 180;
const SHOWN_CLAIMS = 8;
const OPPONENTS = 4;

/** Top-level actors on the other side of a claim from `actor`, most claims first. */
export function opponentsOf(actor: string, claims: ContestedClaim[]): ActorRef[] {
  const count = new Map<string, { ref: ActorRef; n: number }>();
  for (const c of claims) {
    const affirms = c.affirmedBy.some((a) => a.key === actor);
    const denies = c.deniedBy.some((a) => a.key === actor);
    const other = affirms && !denies ? c.deniedBy : denies && !affirms ? c.affirmedBy : [];
    for (const ref of other) {
      if (ref.key === actor) continue;
      const e = count.get(ref.key) ?? { ref, n: 0 };
      e.n += 1;
      count.set(ref.key, e);
    }
  }
  return [...count.values()].sort((a, b) => b.n - a.n || a.ref.name.localeCompare(b.ref.name)).map((e) => e.ref);
}

/** Every two top-level actors on opposite sides of a claim, with how many claims they split on. */
export function contradictionPairs(claims: ContestedClaim[]): ContradictionPair[] {
  const pairs = new Map<string, ContradictionPair>();
  for (const c of claims) {
    for (const a of c.affirmedBy) {
      for (const d of c.deniedBy) {
        if (a.key === d.key) continue;
        const [x, y] = a.key < d.key ? [a, d] : [d, a];
        const id = `${x.key}\u0000${y.key}`;
        const pair = pairs.get(id) ?? { a: x, b: y, claims: 0 };
        pair.claims += 1;
        pairs.set(id, pair);
      }
    }
  }
  return [...pairs.values()].sort((p, q) => q.claims - p.claims);
}

/** Asks for the finest interval whose buckets fit a chart. */
async function timelineSeries(actors: ActorRef[], topic: string | null): Promise<{ series: CountSeries[]; interval: string }> {
  let failure: unknown = null;
  for (const interval of INTERVALS) {
    let series: CountSeries[];
    try {
      series = actors.length ? await countsByActor(actors, topic, interval) : [await countsOfAll(topic, interval)];
    } catch (e) {
      // a range too long for this interval is refused (at most 1000 buckets): try a longer one
      failure = e;
      continue;
    }
    const starts = new Set(series.flatMap((s) => s.buckets.map((b) => b.start)));
    if (starts.size <= MAX_BUCKETS || interval === 'MONTH') return { series, interval };
  }
  throw failure instanceof Error ? failure : new Error('no interval fits the timeline');
}

/**
 * The three pictures of the watched story: statements per day by the actor and those who
 * contradict it, the stance split of contested claims, and who contradicts whom. Each refresh
 * asks the gateway again (three requests), so the pictures show what the graph knows now.
 */
export async function drawPictures(filter: PicturesFilter, el: PicturesElements, openClaim: (key: string) => void): Promise<PicturesSummary> {
  // With an actor, its claims whatever their topics: statements about base-use take sides on a
  // claim about military cooperation, and that is the story. Without one, the topic's claims.
  const all = await contestedClaims(filter.by ? null : filter.topic, 100);
  const mine = filter.by ? all.filter((c) => [...c.affirmedBy, ...c.deniedBy].some((a) => a.key === filter.by!.key)) : all;
  const opponents = filter.by ? opponentsOf(filter.by.key, mine).slice(0, OPPONENTS) : [];
  // without an actor: the most active top-level actors of the contested claims
  const actors = filter.by ? [filter.by, ...opponents] : topActors(all).slice(0, OPPONENTS + 1);
  const { series, interval } = await timelineSeries(actors, filter.topic);

  const unit = interval === 'DAY' ? 'day' : interval === 'WEEK' ? 'week' : 'month';
  el.timelineTitle.textContent = `Statements per ${unit}`;
  el.timelineNote.textContent = filter.by
    ? opponents.length
      ? `${filter.by.name} and those who take the other side of its claims${filter.topic ? ` (about ${filter.topic})` : ''}.`
      : `${filter.by.name}${filter.topic ? ` about ${filter.topic}` : ''}; nobody takes the other side of its claims yet.`
    : `The most active countries and organisations${filter.topic ? ` about ${filter.topic}` : ''}.`;
  drawTimeline(el.timeline, series, unit);

  const shown = (mine.length ? mine : all).slice(0, SHOWN_CLAIMS);
  el.contested.hidden = !shown.length;
  if (shown.length) drawContested(el.contested, shown, openClaim);
  el.contestedList.replaceChildren(
    ...(shown.length
      ? shown.map((c) => {
          const button = h(
            'button',
            { type: 'button', 'data-claim': c.claim.key },
            h('span', { class: 'claim-name' }, c.claim.text),
            h('span', { class: 'split' }, h('span', { class: 'a' }, `${c.affirmCount} affirm`), ' · ', h('span', { class: 'd' }, `${c.denyCount} deny`)),
          );
          button.title = `Affirmed by ${c.affirmedBy.map((a) => a.name).join(', ')}; denied by ${c.deniedBy.map((a) => a.name).join(', ')}`;
          button.addEventListener('click', () => openClaim(c.claim.key));
          return h('li', {}, button);
        })
      : [h('li', { class: 'empty' }, 'No claim is both affirmed and denied here yet.')]),
  );

  const pairs = contradictionPairs(filter.by ? mine : all).slice(0, 30);
  el.network.hidden = !pairs.length;
  if (pairs.length) drawNetwork(el.network, pairs, filter.by?.key ?? null);
  el.networkList.replaceChildren(
    ...(pairs.length
      ? pairs
          .slice(0, 6)
          .map((p) =>
            h(
              'li',
              { 'data-pair': `${p.a.key} ${p.b.key}` },
              h('strong', {}, p.a.name),
              ' and ',
              h('strong', {}, p.b.name),
              ` split on ${p.claims} claim${p.claims > 1 ? 's' : ''}`,
            ),
          )
      : [h('li', { class: 'empty' }, 'Nobody contradicts anybody here yet.')]),
  );
  return { contested: mine, opponents, series, total: filter.by ? (series[0]?.total ?? null) : actors.length ? null : (series[0]?.total ?? null) };
}

function topActors(claims: ContestedClaim[]): ActorRef[] {
  const n = new Map<string, { ref: ActorRef; n: number }>();
  for (const c of claims) {
    for (const a of [...c.affirmedBy, ...c.deniedBy]) {
      const e = n.get(a.key) ?? { ref: a, n: 0 };
      e.n += 1;
      n.set(a.key, e);
    }
  }
  return [...n.values()].sort((a, b) => b.n - a.n).map((e) => e.ref);
}
