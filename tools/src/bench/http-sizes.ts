/**
 * Bytes on the wire for what a browser or client loads from a running gateway, plain and
 * compressed: the playground page and its files, the /live page and its files, and the headline
 * query's answer (BENCHMARKS.md "HTTP sizes"). Measures sizes, not speed, so any machine will do.
 *
 *   node tools/dist/bench/http-sizes.js [--url http://localhost:4000/graphql]
 */
import { request } from 'node:http';

const HEADLINE = `query SpainOnBaseUse { actor(key: "country:es") { key name statements(filter: { topic: "base-use" }, first: 50) { totalCount edges { cursor node { key text saidAt speaker { key name } attestations { quotedText source { url title outlet { name } } } contradictions(by: "country:us") { origin statement { key text speaker { key name } attestations { source { url } } } } } } pageInfo { hasNextPage endCursor } } } }`;

/** Raw bytes received (node:http does not decode), with the response's headers. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; body: Buffer; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.byteLength, body, headers: res.headers });
      });
    })
      .on('error', reject)
      .end();
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function sizes(label: string, url: string, accept: string): Promise<void> {
  const row: string[] = [];
  for (const encoding of ['identity', 'gzip', 'br']) row.push(`${encoding} ${kb((await get(url, { accept, 'accept-encoding': encoding })).bytes)}`);
  console.log(`| ${label} | ${row.join(' | ')} |`);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--url');
  const url = at > 0 ? process.argv[at + 1] : 'http://localhost:4000/graphql';
  const origin = new URL(url).origin;
  console.log('| what | identity | gzip | br |\n|---|---|---|---|');
  for (const [label, page] of [
    ['playground page', url],
    ['/live page', `${origin}/live`],
  ]) {
    await sizes(label, page, 'text/html');
    const html = (await get(page, { accept: 'text/html' })).body.toString('utf8');
    const files = [...new Set([...html.matchAll(/["'](\/assets\/[^"']+)["']/g)].map((m) => m[1]))];
    const totals: Record<string, number> = { identity: 0, gzip: 0, br: 0 };
    for (const f of files) for (const e of Object.keys(totals)) totals[e] += (await get(`${origin}${f}`, { 'accept-encoding': e })).bytes;
    console.log(
      `| ${label}: the ${files.length} hashed files it names | ${Object.entries(totals)
        .map(([e, n]) => `${e} ${kb(n)}`)
        .join(' | ')} |`,
    );
  }
  const headline = `${url}?query=${encodeURIComponent(HEADLINE)}`;
  await sizes('headline query answer (GET)', headline, 'application/json');
  const first = await get(headline, { accept: 'application/json' });
  const again = await get(headline, { accept: 'application/json', 'if-none-match': String(first.headers.etag) });
  console.log(`| headline query again with If-None-Match | HTTP ${again.status}, body ${again.bytes} B | | |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
