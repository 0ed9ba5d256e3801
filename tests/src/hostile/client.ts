import { fork, ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../harness';

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** One HTTP request with full control of method, headers and body. */
export async function raw(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** A JSON POST; `accept` picks between the spec's media type (4xx on errors) and legacy JSON (200). */
export function post(url: string, payload: unknown, opts: { accept?: string; headers?: Record<string, string> } = {}) {
  return raw(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: opts.accept ?? GRAPHQL_RESPONSE, ...opts.headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

export function codes(answer: RawAnswer): string[] {
  return (answer.body?.errors ?? []).map((e: any) => e.extensions?.code);
}

export function messages(answer: RawAnswer): string {
  return (answer.body?.errors ?? []).map((e: any) => e.message).join('\n');
}

export interface ExtraGateway {
  url: string;
  /** its /metrics, on a loopback listener of its own */
  metricsUrl: string;
  logs: string[];
  stop(): Promise<void>;
}

/** A second gateway process with its own environment, pointed at an existing stack's subgraphs. */
export function startGateway(env: Record<string, string>): Promise<ExtraGateway> {
  return new Promise((resolve, reject) => {
    const logs: string[] = [];
    const child: ChildProcess = fork(path.join(REPO_ROOT, 'gateway/dist/main.js'), [], {
      env: { ...process.env, GATEWAY_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const s of [child.stdout, child.stderr]) s?.on('data', (d: Buffer) => logs.push(...d.toString().split('\n').filter(Boolean)));
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${logs.join('\n')}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited (${code}):\n${logs.join('\n')}`));
    });
    child.on('message', (m: any) => {
      if (m?.type !== 'ready') return;
      clearTimeout(timer);
      resolve({
        url: m.url,
        metricsUrl: m.metricsUrl,
        logs,
        stop: () =>
          new Promise<void>((r) => {
            if (child.exitCode !== null) return r();
            child.removeAllListeners('exit');
            child.once('exit', () => r());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
          }),
      });
    });
  });
}
