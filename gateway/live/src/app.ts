import { actorByKey, listTopics, searchActors, STATEMENT_ADDED, StatementAddedData, wsEndpoint } from './api.js';
import { byId, h } from './dom.js';
import { ConnectionState, ResumableSubscription } from './feed-client.js';
import { statementItem } from './render.js';

/** Older entries fall off the bottom so a dashboard left open for days stays light. */
const MAX_ITEMS = 200;

const form = byId<HTMLFormElement>('filter');
const searchInput = byId<HTMLInputElement>('actor-search');
const searchButton = byId<HTMLButtonElement>('actor-search-button');
const actorSelect = byId<HTMLSelectElement>('actor');
const searchNote = byId<HTMLParagraphElement>('actor-note');
const topicSelect = byId<HTMLSelectElement>('topic');
const stopButton = byId<HTMLButtonElement>('stop');
const status = byId<HTMLParagraphElement>('status');
const statusText = byId<HTMLSpanElement>('status-text');
const watching = byId<HTMLParagraphElement>('watching');
const feed = byId<HTMLOListElement>('feed');
const empty = byId<HTMLParagraphElement>('feed-empty');
const errorBox = byId<HTMLDivElement>('feed-error');
const announcer = byId<HTMLParagraphElement>('announcer');

let subscription: ResumableSubscription<StatementAddedData> | null = null;
const shown = new Set<string>();

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
    searchNote.textContent = actors.length
      ? `${actors.length} match${actors.length > 1 ? 'es' : ''} for “${text}”`
      : `no actor matches “${text}”`;
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

function describeFilter(): string {
  const actor = actorSelect.value ? actorSelect.selectedOptions[0]?.textContent ?? actorSelect.value : null;
  const topic = topicSelect.value || null;
  const by = actor ? `by ${actor.replace(/ \([a-z]+\)$/, '')}` : 'by anyone';
  return `Statements ${by}${topic ? ` about ${topic}` : ''}`;
}

function addStatement(data: StatementAddedData): void {
  const { statement } = data.statementAdded;
  // the server promises no duplicates; this keeps the page right even if a replay overlaps
  if (shown.has(statement.key)) return;
  shown.add(statement.key);
  empty.hidden = true;
  const item = statementItem(statement, new Date());
  feed.prepend(item);
  announcer.textContent = `New statement by ${statement.speaker.name}`;
  window.setTimeout(() => item.classList.remove('fresh'), 4000);
  while (feed.children.length > MAX_ITEMS) feed.lastElementChild?.remove();
}

function watch(): void {
  subscription?.stop();
  feed.replaceChildren();
  shown.clear();
  empty.hidden = false;
  showError(null);
  const filter: Record<string, string> = {};
  if (actorSelect.value) filter.by = actorSelect.value;
  if (topicSelect.value) filter.topic = topicSelect.value;
  watching.textContent = describeFilter();
  const params = new URLSearchParams(filter);
  history.replaceState(null, '', `${location.pathname}${params.toString() ? `?${params}` : ''}`);

  subscription = new ResumableSubscription<StatementAddedData>({
    url: wsEndpoint(),
    query: STATEMENT_ADDED,
    variables: { filter },
    cursorOf: (data) => data.statementAdded?.cursor ?? null,
    onData: addStatement,
    onErrors: (errors, fatal) => showError(`${fatal ? 'The feed stopped: ' : ''}${errors.map((e) => e.message).join('; ')}`),
    onState: setState,
  });
  subscription.start();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  watch();
});
stopButton.addEventListener('click', () => subscription?.stop());
window.addEventListener('online', () => subscription?.retryNow());

/** Fills the topics, and restores a filter given in the address (`/live?by=country:es&topic=base-use`). */
async function init(): Promise<void> {
  setState('idle', 'not watching');
  const params = new URLSearchParams(location.search);
  try {
    const topics = await listTopics();
    topicSelect.replaceChildren(option('', 'Any topic'), ...topics.map((t) => option(t.key, `${t.key} (${t.statementCount})`)));
  } catch (e) {
    showError(`Could not load the topics: ${(e as Error).message}`);
  }
  const by = params.get('by');
  const topic = params.get('topic');
  if (by) {
    const actor = await actorByKey(by).catch(() => null);
    actorSelect.replaceChildren(option('', 'Anyone'), option(by, actor ? `${actor.name} (${actor.kind.toLowerCase()})` : by));
    actorSelect.value = by;
  }
  if (topic) {
    if (![...topicSelect.options].some((o) => o.value === topic)) topicSelect.append(option(topic, topic));
    topicSelect.value = topic;
  }
  document.body.dataset.ready = 'true';
  if (by || topic) watch();
}

void init();
