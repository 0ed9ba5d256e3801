import { ActorRef, actorByKey, listTopics, PULSE, PulseData, searchActors, wsEndpoint } from './api.js';
import { closeClaim, openClaim, shownClaim } from './claim-view.js';
import { byId, h } from './dom.js';
import { ConnectionState, ResumableSubscription } from './feed-client.js';
import { drawPictures, PicturesSummary } from './pictures.js';
import { Filter, StoryFeed } from './story-feed.js';

/** Pictures are asked for again at most this often while statements pour in. */
const REFRESH_EVERY_MS = 3000;
/** ... and this long after the first new statement, so a burst is drawn once. */
const REFRESH_DELAY_MS = 600;

const form = byId<HTMLFormElement>('filter');
const searchInput = byId<HTMLInputElement>('actor-search');
const searchButton = byId<HTMLButtonElement>('actor-search-button');
const actorSelect = byId<HTMLSelectElement>('actor');
const searchNote = byId<HTMLParagraphElement>('actor-note');
const topicSelect = byId<HTMLSelectElement>('topic');
const stopButton = byId<HTMLButtonElement>('stop');
const status = byId<HTMLParagraphElement>('status');
const statusText = byId<HTMLSpanElement>('status-text');
const storyTitle = byId<HTMLHeadingElement>('story-title');
const watching = byId<HTMLParagraphElement>('watching');
const figures = byId<HTMLUListElement>('figures');
const errorBox = byId<HTMLDivElement>('feed-error');
const headline = byId<HTMLDivElement>('headline');
const pictureElements = {
  timeline: byId<HTMLDivElement>('timeline-chart'),
  timelineTitle: byId<HTMLHeadingElement>('timeline-title'),
  timelineNote: byId<HTMLParagraphElement>('timeline-note'),
  contested: byId<HTMLDivElement>('contested-chart'),
  contestedList: byId<HTMLOListElement>('contested-list'),
  network: byId<HTMLDivElement>('network-chart'),
  networkList: byId<HTMLUListElement>('network-list'),
};

let watched: { by: ActorRef | null; topic: string | null } = { by: null, topic: null };
let summary: PicturesSummary | null = null;
const contradicted = new Set<string>();

const feed = new StoryFeed({
  list: byId<HTMLOListElement>('feed'),
  empty: byId<HTMLParagraphElement>('feed-empty'),
  count: byId<HTMLParagraphElement>('feed-count'),
  announcer: byId<HTMLParagraphElement>('announcer'),
  actorName: () => watched.by?.name ?? null,
  openClaim: (key) => showClaim(key),
  onState: setState,
  onErrors: showError,
  onStatements: (statements, live) => {
    for (const s of statements) if (s.contradictions.length) contradicted.add(s.key);
    figuresSoon();
    if (live) {
      refreshSoon();
      const claim = shownClaim();
      if (claim && statements.some((s) => s.stances.some((st) => st.claim.key === claim))) claimSoon();
    }
  },
  onResumed: () => {
    refreshSoon();
    if (shownClaim()) claimSoon();
  },
});

/** Any new statement may change a picture (see PULSE); its state is the main feed's business. */
let pulse: ResumableSubscription<PulseData> | null = null;
function startPulse(): void {
  pulse?.stop();
  let everLive = false;
  pulse = new ResumableSubscription<PulseData>({
    url: wsEndpoint(),
    query: PULSE,
    variables: {},
    cursorOf: (data) => data.statementAdded?.cursor ?? null,
    onData: (data) => {
      refreshSoon();
      const claim = shownClaim();
      if (claim && data.statementAdded.statement.stances.some((s) => s.claim.key === claim)) claimSoon();
    },
    onErrors: () => undefined,
    onState: (state) => {
      // back after a drop: what changed meanwhile is not known, so look again
      if (state === 'live' && everLive) {
        refreshSoon();
        if (shownClaim()) claimSoon();
      }
      if (state === 'live') everLive = true;
    },
  });
  pulse.start();
}

function setState(state: ConnectionState, detail: string): void {
  status.dataset.state = state;
  statusText.textContent = state === 'live' ? 'live' : detail;
  status.title = detail;
  stopButton.disabled = state === 'idle' || state === 'failed';
}

function showError(message: string | null): void {
  errorBox.hidden = !message;
  errorBox.textContent = message ?? '';
}

function option(value: string, label: string): HTMLOptionElement {
  return h('option', { value }, label);
}

async function runSearch(): Promise<void> {
  const text = searchInput.value.trim();
  if (!text) return;
  searchNote.textContent = 'searching…';
  try {
    const actors = await searchActors(text);
    if (searchInput.value.trim() !== text) return; // a newer search is under way
    actorSelect.replaceChildren(option('', 'Anyone'), ...actors.map((a) => option(a.key, `${a.name} (${a.kind.toLowerCase()})`)));
    if (actors.length) actorSelect.value = actors[0].key;
    searchNote.textContent = actors.length ? `${actors.length} match${actors.length > 1 ? 'es' : ''} for “${text}”` : `no actor matches “${text}”`;
  } catch (e) {
    searchNote.textContent = `search failed: ${(e as Error).message}`;
  }
}

let searchTimer: number | undefined;
searchInput.addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void runSearch(), 300);
});
searchInput.addEventListener('keydown', (event) => {
  // Enter searches here; it should not start watching with a stale choice
  if (event.key === 'Enter') {
    event.preventDefault();
    window.clearTimeout(searchTimer);
    void runSearch();
  }
});
searchButton.addEventListener('click', () => {
  window.clearTimeout(searchTimer);
  void runSearch();
});

function actorChoice(): ActorRef | null {
  if (!actorSelect.value) return null;
  const label = actorSelect.selectedOptions[0]?.textContent ?? actorSelect.value;
  return { key: actorSelect.value, name: label.replace(/ \([a-z]+\)$/, '') };
}

function describe(): string {
  const by = watched.by ? `by ${watched.by.name}` : 'by anyone';
  return `Statements ${by}${watched.topic ? ` about ${watched.topic}` : ''}`;
}

/** The address holds the whole view: `/live?by=country:es&topic=base-use&claim=claim:…`. */
function writeAddress(mode: 'replace' | 'push'): void {
  const params = new URLSearchParams();
  if (watched.by) params.set('by', watched.by.key);
  if (watched.topic) params.set('topic', watched.topic);
  const claim = shownClaim();
  if (claim) params.set('claim', claim);
  const url = `${location.pathname}${params.toString() ? `?${params}` : ''}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function figure(n: number | string, what: string, cls = '', title?: string): HTMLLIElement {
  return h('li', { class: cls, title }, h('span', { class: 'n' }, String(n)), h('span', { class: 'what' }, what));
}

let figuresFrame: number | null = null;
/** Figures follow a burst once per frame, not once per statement. */
function figuresSoon(): void {
  if (figuresFrame === null)
    figuresFrame = requestAnimationFrame(() => {
      figuresFrame = null;
      renderFigures();
    });
}

function renderFigures(): void {
  const items = [figure(feed.total, feed.total === 1 ? 'statement' : 'statements')];
  items.push(figure(contradicted.size, 'contradicted', 'contra', 'Statements shown here that another statement contradicts'));
  if (summary) {
    items.push(figure(summary.contested.length, summary.contested.length === 1 ? 'contested claim' : 'contested claims'));
    if (watched.by) {
      const names = summary.opponents.map((o) => o.name);
      items.push(
        figure(
          names.length ? names.slice(0, 2).join(', ') + (names.length > 2 ? ` +${names.length - 2}` : '') : 'nobody',
          'on the other side',
          'contra opponents',
        ),
      );
    }
  }
  figures.replaceChildren(...items);
  renderHeadline();
}

/** What the headline shows, to rebuild it only when that changes */
let headlineShown: string | null = null;

/**
 * The story in one line: the most active contested claim, who affirms it and who denies it.
 * Drawn again only when what it says changes: the figures are redrawn on every new statement, and
 * rebuilding an unchanged headline took its button away from a keyboard user who had focused it.
 */
function renderHeadline(): void {
  const top = summary?.contested[0];
  const shown = top ? JSON.stringify([top.claim.key, top.claim.text, top.affirmedBy.map((a) => a.name), top.deniedBy.map((a) => a.name)]) : '';
  if (shown === headlineShown) return;
  headlineShown = shown;
  headline.hidden = !top;
  if (!top) return headline.replaceChildren();
  // the three most active on each side: a claim twenty countries argue over stays one line
  const names = (actors: ActorRef[]) =>
    actors.length > 3
      ? `${actors
          .slice(0, 3)
          .map((a) => a.name)
          .join(', ')} and ${actors.length - 3} more`
      : actors.map((a) => a.name).join(', ');
  const open = h('button', { type: 'button', class: 'secondary small', 'data-claim': top.claim.key }, 'How positions moved');
  open.addEventListener('click', () => showClaim(top.claim.key));
  headline.replaceChildren(
    h(
      'span',
      { class: 'sides' },
      h('span', { class: 'a' }, `${names(top.affirmedBy)} ${top.affirmedBy.length > 1 ? 'affirm' : 'affirms'}`),
      ', ',
      h('span', { class: 'd' }, `${names(top.deniedBy)} ${top.deniedBy.length > 1 ? 'deny' : 'denies'}`),
      ':',
    ),
    h('q', {}, top.claim.text),
    open,
  );
}

let refreshTimer: number | undefined;
let lastRefresh = 0;
let refreshing: Promise<void> | null = null;

async function refreshPictures(): Promise<void> {
  lastRefresh = Date.now();
  const asked = watched;
  try {
    const found = await drawPictures(asked, pictureElements, (key) => showClaim(key));
    if (asked !== watched) return;
    summary = found;
    if (found.total !== null) feed.correctTotal(found.total);
    document.body.dataset.pictures = String(Number(document.body.dataset.pictures ?? '0') + 1);
  } catch (e) {
    if (asked !== watched) return;
    pictureElements.timelineNote.textContent = `Could not draw the pictures: ${(e as Error).message}`;
  }
  renderFigures();
}

function refreshSoon(): void {
  if (refreshTimer !== undefined) return;
  const wait = Math.max(REFRESH_DELAY_MS, lastRefresh + REFRESH_EVERY_MS - Date.now());
  refreshTimer = window.setTimeout(() => {
    refreshTimer = undefined;
    // one refresh at a time: a slow gateway must not pile requests up
    const run = () => (refreshing = refreshPictures().finally(() => (refreshing = null)));
    if (refreshing) void refreshing.then(() => refreshSoon());
    else void run();
  }, wait);
}

let claimTimer: number | undefined;
function claimSoon(): void {
  if (claimTimer !== undefined) return;
  claimTimer = window.setTimeout(() => {
    claimTimer = undefined;
    const key = shownClaim();
    if (key) void openClaim(key, showClaim, false);
  }, 1000);
}

function showClaim(key: string, push = true): void {
  void openClaim(key, showClaim);
  writeAddress(push ? 'push' : 'replace');
}

byId<HTMLButtonElement>('claim-close').addEventListener('click', () => {
  closeClaim();
  writeAddress('push');
  storyTitle.tabIndex = -1;
  storyTitle.focus();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && shownClaim() && !(event.target instanceof HTMLSelectElement)) {
    closeClaim();
    writeAddress('push');
  }
});

function watch(): void {
  showError(null);
  watched = { by: actorChoice(), topic: topicSelect.value || null };
  summary = null;
  contradicted.clear();
  storyTitle.textContent = describe();
  watching.textContent = watched.by
    ? `Everything said by ${watched.by.name} or on its behalf${watched.topic ? ` about ${watched.topic}` : ''}, and who contradicts it.`
    : 'Every statement, and who contradicts whom.';
  writeAddress('replace');
  const filter: Filter = {};
  if (watched.by) filter.by = watched.by.key;
  if (watched.topic) filter.topic = watched.topic;
  feed.start(filter);
  startPulse();
  renderFigures();
  void refreshPictures();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  watch();
});
stopButton.addEventListener('click', () => {
  feed.stop();
  pulse?.stop();
});
window.addEventListener('online', () => {
  feed.retryNow();
  pulse?.retryNow();
});

/** Puts the view in the address on the page: filter, then the claim shown. */
async function applyAddress(): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const by = params.get('by');
  const topic = params.get('topic');
  if (by && actorSelect.value !== by) {
    const actor = await actorByKey(by).catch(() => null);
    actorSelect.replaceChildren(option('', 'Anyone'), option(by, actor ? `${actor.name} (${actor.kind.toLowerCase()})` : by));
    actorSelect.value = by;
  } else if (!by) actorSelect.value = '';
  if (topic) {
    if (![...topicSelect.options].some((o) => o.value === topic)) topicSelect.append(option(topic, topic));
    topicSelect.value = topic;
  } else topicSelect.value = '';
  const claim = params.get('claim');
  if (claim && claim !== shownClaim()) void openClaim(claim, showClaim, false);
  if (!claim && shownClaim()) closeClaim();
  return Boolean(by || topic);
}

window.addEventListener('popstate', () => {
  void applyAddress().then((filtered) => {
    const params = new URLSearchParams(location.search);
    if (filtered && (params.get('by') !== (watched.by?.key ?? null) || params.get('topic') !== watched.topic)) watch();
  });
});

/** Fills the topics, and restores the view given in the address. */
async function init(): Promise<void> {
  setState('idle', 'not watching');
  try {
    const topics = await listTopics();
    topicSelect.replaceChildren(option('', 'Any topic'), ...topics.map((t) => option(t.key, `${t.key} (${t.statementCount})`)));
  } catch (e) {
    showError(`Could not load the topics: ${(e as Error).message}`);
  }
  const filtered = await applyAddress();
  document.body.dataset.ready = 'true';
  if (filtered) watch();
  else {
    renderFigures();
    void refreshPictures();
    startPulse();
  }
}

void init();
