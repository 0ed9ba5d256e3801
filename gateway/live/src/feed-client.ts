/**
 * A minimal graphql-transport-ws client (the protocol of graphql-ws) for ONE subscription that
 * survives disconnects: it remembers the cursor of the last event and, after a drop, reconnects
 * with backoff and subscribes again with `after: lastCursor`, so the server replays whatever was
 * missed. Written by hand so the page loads nothing but its own code.
 */

export type ConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string };
}

export interface FeedOptions<T> {
  /** ws:// or wss:// URL of the GraphQL endpoint */
  url: string;
  query: string;
  /** the operation's variables except `after`, which the client manages */
  variables: Record<string, unknown>;
  /** resume point for the first subscribe; null starts with what happens from now on */
  after?: string | null;
  /** the cursor carried by one event's data */
  cursorOf(data: T): string | null;
  onData(data: T): void;
  /** GraphQL errors of the operation; `fatal` ones stop the feed (retrying would fail again) */
  onErrors(errors: GraphQLErrorLike[], fatal: boolean): void;
  onState(state: ConnectionState, detail: string): void;
  /** @default the browser's WebSocket */
  createSocket?: (url: string, protocol: string) => WebSocket;
}

const PROTOCOL = 'graphql-transport-ws';
/** Errors that resubscribing with the same operation cannot fix. */
const FATAL_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN']);
/** Close codes that say this client is wrong, not that the network hiccupped. */
const FATAL_CLOSE_CODES = new Set([4400, 4401, 4403, 4406]);
const ACK_TIMEOUT_MS = 10_000;
const PING_EVERY_MS = 15_000;
const PONG_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

type ServerMessage =
  | { type: 'connection_ack'; payload?: unknown }
  | { type: 'ping'; payload?: unknown }
  | { type: 'pong'; payload?: unknown }
  | { type: 'next'; id: string; payload: { data?: unknown; errors?: GraphQLErrorLike[] } }
  | { type: 'error'; id: string; payload: GraphQLErrorLike[] }
  | { type: 'complete'; id: string };

export class ResumableSubscription<T> {
  private socket: WebSocket | null = null;
  private subscriptionId: string | null = null;
  private nextId = 1;
  private attempt = 0;
  private stopped = true;
  private timers: number[] = [];
  private pongDue: number | null = null;
  private cursor: string | null;

  constructor(private readonly options: FeedOptions<T>) {
    this.cursor = options.after ?? null;
  }

  /** The cursor of the last event received: where a resumed feed continues. */
  get lastCursor(): string | null {
    return this.cursor;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.connect('connecting');
  }

  stop(): void {
    this.stopped = true;
    this.dropSocket(true);
    this.clearTimers();
    this.options.onState('idle', 'not watching');
  }

  /** Skips the wait when the browser says the network is back. */
  retryNow(): void {
    if (!this.stopped && this.socket === null) {
      this.clearTimers();
      this.connect('reconnecting');
    }
  }

  private connect(state: 'connecting' | 'reconnecting'): void {
    this.options.onState(state, state === 'connecting' ? 'connecting…' : 'reconnecting…');
    const create = this.options.createSocket ?? ((url, protocol) => new WebSocket(url, protocol));
    let socket: WebSocket;
    try {
      socket = create(this.options.url, PROTOCOL);
    } catch (e) {
      this.fail(`cannot open ${this.options.url}: ${String(e)}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.send({ type: 'connection_init', payload: {} });
      this.later(ACK_TIMEOUT_MS, () => this.lost('the server did not acknowledge the connection'));
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      if (FATAL_CLOSE_CODES.has(event.code)) this.fail(`the server closed the connection: ${event.code} ${event.reason}`);
      else this.lost(event.reason || `connection closed (${event.code})`);
    };
    // an error is always followed by close, which decides what happens next
    socket.onerror = () => undefined;
  }

  private receive(raw: unknown): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(raw)) as ServerMessage;
    } catch {
      this.lost('the server sent something that is not JSON');
      return;
    }
    switch (message.type) {
      case 'connection_ack':
        this.clearTimers();
        this.attempt = 0;
        this.subscribe();
        this.keepAlive();
        this.options.onState('live', 'live');
        break;
      case 'ping':
        this.send({ type: 'pong' });
        break;
      case 'pong':
        if (this.pongDue !== null) window.clearTimeout(this.pongDue);
        this.pongDue = null;
        break;
      case 'next': {
        if (message.id !== this.subscriptionId) return;
        const { data, errors } = message.payload;
        if (errors?.length) this.options.onErrors(errors, false);
        if (data) {
          const cursor = this.options.cursorOf(data as T);
          if (cursor) this.cursor = cursor;
          this.options.onData(data as T);
        }
        break;
      }
      case 'error': {
        if (message.id !== this.subscriptionId) return;
        const fatal = message.payload.some((e) => FATAL_CODES.has(e.extensions?.code ?? ''));
        this.options.onErrors(message.payload, fatal);
        if (fatal) this.fail(message.payload.map((e) => e.message).join('; '));
        else this.lost('the subscription failed on the server');
        break;
      }
      case 'complete':
        // a live feed has no natural end: the server stopped it (restart, upstream loss)
        if (message.id === this.subscriptionId) this.lost('the server ended the feed');
        break;
      default:
        break;
    }
  }

  private subscribe(): void {
    this.subscriptionId = String(this.nextId++);
    this.send({
      id: this.subscriptionId,
      type: 'subscribe',
      payload: { query: this.options.query, variables: { ...this.options.variables, after: this.cursor } },
    });
  }

  /** Pings so a connection that died silently (sleep, network switch) is noticed and replaced. */
  private keepAlive(): void {
    const interval = window.setInterval(() => {
      if (this.pongDue !== null) return;
      this.send({ type: 'ping' });
      this.pongDue = window.setTimeout(() => this.lost('the server stopped answering'), PONG_TIMEOUT_MS);
    }, PING_EVERY_MS);
    this.timers.push(interval);
  }

  private lost(reason: string): void {
    if (this.stopped) return;
    this.dropSocket(false);
    this.clearTimers();
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
    this.attempt += 1;
    this.options.onState('reconnecting', `reconnecting in ${Math.max(1, Math.round(delay / 1000))} s (${reason})`);
    this.later(delay, () => this.connect('reconnecting'));
  }

  private fail(reason: string): void {
    this.stopped = true;
    this.dropSocket(true);
    this.clearTimers();
    this.options.onState('failed', reason);
  }

  /** Forgets the socket first, so its late close event cannot schedule a second reconnect. */
  private dropSocket(orderly: boolean): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    if (orderly && this.subscriptionId && socket.readyState === WebSocket.OPEN) {
      this.send({ id: this.subscriptionId, type: 'complete' }, socket);
    }
    this.subscriptionId = null;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000, 'bye');
  }

  private send(message: object, socket = this.socket): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  private later(ms: number, fn: () => void): void {
    this.timers.push(window.setTimeout(fn, ms));
  }

  private clearTimers(): void {
    for (const t of this.timers) {
      window.clearTimeout(t);
      window.clearInterval(t);
    }
    this.timers = [];
    if (this.pongDue !== null) window.clearTimeout(this.pongDue);
    this.pongDue = null;
  }
}
