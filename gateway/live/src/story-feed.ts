import {
  HistoryData,
  latestStatementsQuery,
  LiveStatement,
  query,
  STATEMENT_ADDED,
  StatementAddedData,
  statementsByKeysQuery,
  StatementsByKeysData,
  wsEndpoint,
} from './api.js';
import { ConnectionState, GraphQLErrorLike, ResumableSubscription } from './feed-client.js';
import { statementItem } from './render.js';
import { FEED_START, StatementList } from './statement-list.js';

/** Older entries fall off the bottom so a dashboard left open for days stays light. */
export const MAX_ITEMS = 200;
/** How many of the latest statements said the page asks for besides the feed's replay. */
const HISTORY = 50;
/** A feed quiet this long after going live has finished replaying: what comes next is news. */
const SETTLED_AFTER_MS = 2500;
/** How many of the latest arrivals stay marked as new. */
const MARKED_NEW = 5;
/** Statements asked for in one request as they arrive (statementsByKeys takes up to 500). */
const HYDRATE_BATCH = 200;
/** After a failed lookup, try again this much later (the feed keeps the keys meanwhile). */
const HYDRATE_RETRY_MS = 2000;

export interface Filter {
  by?: string;
  topic?: string;
}

export interface StoryFeedOptions {
  list: HTMLOListElement;
  empty: HTMLElement;
  count: HTMLElement;
  announcer: HTMLElement;
  actorName(): string | null;
  openClaim(key: string): void;
  onState(state: ConnectionState, detail: string): void;
  onErrors(message: string | null): void;
  /** statements arrived (history or live): pictures may need redrawing */
  onStatements(statements: LiveStatement[], live: boolean): void;
  /** the connection is live again after a drop: what was computed before may be stale */
  onResumed(): void;
}

/**
 * The statement list of one filter: history first (the feed replayed from its start, plus the
 * latest statements said, for those the feed never announced), then every new one, drawn at
 * most once per frame however fast they come.
 */
export class StoryFeed {
  private readonly store = new StatementList(MAX_ITEMS);
  private subscription: ResumableSubscription<StatementAddedData> | null = null;
  private nodes = new Map<string, HTMLLIElement>();
  private pending: { statement: LiveStatement; seq: number | null; fresh: boolean }[] = [];
  private frame: number | null = null;
  private arrivals = 0;
  private settled = false;
  private settleTimer: number | undefined;
  private everLive = false;
  private historyTotal: number | null = null;
  private generation = 0;
  private withWhy = false;
  private by: string | undefined;
  /** arrived on the feed, not yet looked up */
  private awaiting: { key: string; seq: number; settled: boolean }[] = [];
  private hydrating = false;
  private hydrateFailed = false;
  private marked: HTMLLIElement[] = [];

  constructor(private readonly options: StoryFeedOptions) {}

  /** Statements received so far (history and live), including those no longer shown. */
  get received(): number {
    return this.store.received;
  }

  /** Matching statements so far: the history's count, plus what arrived live since. */
  get total(): number {
    return Math.max(this.historyTotal ?? 0, this.store.size);
  }

  /** A count asked of the server since (the pictures' counts): exact where ours is estimated. */
  correctTotal(total: number): void {
    this.historyTotal = total;
    this.renderCount();
  }

  start(filter: Filter): void {
    this.stop();
    const generation = ++this.generation;
    this.store.clear();
    this.nodes.clear();
    this.marked = [];
    this.options.list.replaceChildren();
    delete this.options.list.dataset.settled;
    this.options.empty.hidden = false;
    this.arrivals = 0;
    this.settled = false;
    this.everLive = false;
    this.historyTotal = null;
    this.renderCount();
    const withWhy = Boolean(filter.by);
    this.withWhy = withWhy;
    this.by = filter.by;
    this.awaiting = [];
    this.hydrating = false;
    const variables = { filter, ...(withWhy ? { by: filter.by } : {}) };

    this.subscription = new ResumableSubscription<StatementAddedData>({
      url: wsEndpoint(),
      query: STATEMENT_ADDED,
      variables: { filter },
      after: FEED_START,
      cursorOf: (data) => data.statementAdded?.cursor ?? null,
      onData: (data) => this.arrive(data.statementAdded.statement.key, ++this.arrivals, this.settled),
      onErrors: (errors: GraphQLErrorLike[], fatal) => this.options.onErrors(`${fatal ? 'The feed stopped: ' : ''}${errors.map((e) => e.message).join('; ')}`),
      onState: (state, detail) => {
        if (state === 'live') {
          if (this.everLive) this.options.onResumed();
          this.everLive = true;
          this.settleSoon();
        }
        this.options.onState(state, detail);
      },
    });
    this.subscription.start();

    void query<HistoryData>(latestStatementsQuery(withWhy), { ...variables, first: HISTORY }).then(
      (data) => {
        if (generation !== this.generation) return;
        this.historyTotal = data.statements.totalCount;
        this.settleSoon();
        for (const { node } of data.statements.edges) this.pending.push({ statement: node, seq: null, fresh: false });
        this.schedule();
        this.options.onStatements(
          data.statements.edges.map((e) => e.node),
          false,
        );
      },
      (e: Error) => generation === this.generation && this.options.onErrors(`Could not load the statements so far: ${e.message}`),
    );
  }

  stop(): void {
    this.generation += 1;
    this.subscription?.stop();
    this.subscription = null;
    window.clearTimeout(this.settleTimer);
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.pending = [];
  }

  retryNow(): void {
    this.subscription?.retryNow();
  }

  /** A key from the feed: looked up with the others that came meanwhile, one request at a time. */
  private arrive(key: string, seq: number, settled: boolean): void {
    this.awaiting.push({ key, seq, settled });
    if (!this.settled) this.settleSoon();
    this.hydrate();
  }

  private hydrate(): void {
    if (this.hydrating || !this.awaiting.length) return;
    const generation = this.generation;
    const batch = this.awaiting.splice(0, HYDRATE_BATCH);
    this.hydrating = true;
    const variables = { keys: batch.map((b) => b.key), ...(this.withWhy ? { by: this.by } : {}) };
    query<StatementsByKeysData>(statementsByKeysQuery(this.withWhy), variables).then(
      (data) => {
        if (generation !== this.generation) return;
        this.hydrating = false;
        data.statementsByKeys.forEach((statement, i) => {
          // null: deleted since it was announced
          if (statement) this.take(statement, batch[i].seq, batch[i].settled);
        });
        if (this.hydrateFailed) this.options.onErrors(null);
        this.hydrateFailed = false;
        this.hydrate();
      },
      (e: Error) => {
        if (generation !== this.generation) return;
        this.hydrateFailed = true;
        this.options.onErrors(`Could not load new statements (trying again): ${e.message}`);
        this.awaiting.unshift(...batch);
        window.setTimeout(() => {
          if (generation !== this.generation) return;
          this.hydrating = false;
          this.hydrate();
        }, HYDRATE_RETRY_MS);
      },
    );
  }

  private take(statement: LiveStatement, seq: number, settled: boolean): void {
    // news is what arrives once the replay is over, and was not among the history's statements
    const fresh = settled && !this.store.has(statement.key) && !this.pending.some((p) => p.statement.key === statement.key);
    this.pending.push({ statement, seq, fresh });
    if (this.historyTotal !== null && fresh) this.historyTotal += 1;
    this.schedule();
    this.options.onStatements([statement], fresh);
  }

  private settleSoon(): void {
    if (this.settled || this.historyTotal === null) return;
    window.clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => {
      this.settled = true;
      // what is shown now is the history; from here on arrivals are news (tests wait on this too)
      this.options.list.dataset.settled = 'true';
    }, SETTLED_AFTER_MS);
  }

  private schedule(): void {
    if (this.frame === null) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Draws what arrived since the last frame: new entries are built once, kept ones move. */
  private flush(): void {
    this.frame = null;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length || !this.store.add(batch)) return;
    const freshNames: string[] = [];
    const freshNodes: HTMLLIElement[] = [];
    const keep = new Set<string>();
    const list = this.options.list;
    let at: ChildNode | null = list.firstChild;
    for (const entry of this.store.items) {
      const key = entry.statement.key;
      keep.add(key);
      let node = this.nodes.get(key);
      if (!node || node.dataset.version !== versionOf(entry.statement)) {
        const fresh = entry.fresh && !node;
        const built = statementItem(entry.statement, { fresh, actorName: this.options.actorName(), openClaim: this.options.openClaim });
        built.dataset.version = versionOf(entry.statement);
        if (node) node.replaceWith(built);
        if (at === node) at = built;
        node = built;
        this.nodes.set(key, node);
        if (fresh) {
          freshNames.push(entry.statement.speaker?.name ?? 'unknown speaker');
          freshNodes.push(node);
        }
      }
      if (node !== at) list.insertBefore(node, at);
      else at = at.nextSibling;
    }
    for (const [key, node] of this.nodes) {
      if (!keep.has(key)) {
        node.remove();
        this.nodes.delete(key);
      }
    }
    // only the latest few stay marked: a page that took a thousand is not a thousand "new"
    this.marked.push(...freshNodes.reverse());
    for (const old of this.marked.splice(0, Math.max(0, this.marked.length - MARKED_NEW))) old.classList.remove('fresh');
    this.options.empty.hidden = this.store.size > 0;
    if (freshNames.length) {
      this.options.announcer.textContent = freshNames.length === 1 ? `New statement by ${freshNames[0]}` : `${freshNames.length} new statements`;
    }
    this.renderCount();
  }

  private renderCount(): void {
    const shown = this.store.size;
    this.options.count.textContent = shown ? `latest ${shown} of ${this.total}` : '';
  }
}

/** Entries are rebuilt only when what they show changed. */
function versionOf(s: LiveStatement): string {
  return `${s.text.length}:${s.contradictions.length}:${s.attestations.length}:${s.stances.length}:${s.attribution ? 1 : 0}`;
}
