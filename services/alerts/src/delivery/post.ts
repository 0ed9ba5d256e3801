import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateHost } from '../webhook/webhook.url';
import { signature } from './sign';

export interface Delivery {
  /** `<webhook id>/<statement key>`: the same for every retry of one statement, so a receiver can drop one it has */
  id: string;
  webhookId: string;
  url: string;
  secret: string;
  body: string;
}

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

/** null when the receiver took it (2xx), else why not, in words for `lastError`/`parkedReason`. */
export async function postDelivery(d: Delivery, options: PostOptions): Promise<string | null> {
  const url = new URL(d.url);
  if (!options.allowPrivate && !isIP(url.hostname.replace(/^\[|\]$/g, ''))) {
    // the name was public when registered; refuse it if it now points inside the deployment
    try {
      const addresses = await lookup(url.hostname, { all: true });
      if (addresses.some((a) => isPrivateHost(a.address))) return `${url.hostname} resolves to a private address`;
    } catch (e) {
      return `cannot resolve ${url.hostname}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
    }
  }
  const now = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'newsgraph-webhooks/1',
        'x-newsgraph-webhook': d.webhookId,
        'x-newsgraph-delivery': d.id,
        'x-newsgraph-signature': signature(d.secret, d.body, now),
      },
      body: d.body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return null;
    if (res.status >= 300 && res.status < 400) return `HTTP ${res.status} from the receiver (redirects are not followed)`;
    return `HTTP ${res.status} from the receiver`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    if ((e as Error).name === 'TimeoutError') return `no answer within ${options.timeoutMs} ms`;
    return `cannot reach the receiver (${cause ?? (e instanceof Error ? e.message : String(e))})`;
  }
}
