import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);

/**
 * The chart library the dashboard draws with: Apache ECharts (Apache-2.0), served from the copy
 * npm installed (its self-contained ES module build, licence header included), never from a CDN.
 * The page imports it as `/live/vendor/echarts.js`.
 */
export const VENDOR_MODULES: Record<string, string> = {
  'echarts.js': 'echarts/dist/echarts.esm.min.mjs',
};

export interface VendorFile {
  body: Buffer;
  /** the same bytes gzipped: 1.1 MB of ECharts travels as 370 kB */
  gzipped: Buffer;
  etag: string;
}

const cache = new Map<string, Promise<VendorFile>>();

async function load(name: string): Promise<VendorFile> {
  const specifier = VENDOR_MODULES[name];
  const file = require.resolve(specifier);
  const pkg = require(`${specifier.split('/')[0]}/package.json`) as { version: string };
  const body = await readFile(file);
  return { body, gzipped: await gzip(body, { level: 9 }), etag: `"${name}-${pkg.version}-${body.length}"` };
}

/** The vendor file called `name` (read and compressed once per process), or null when there is none. */
export function vendorFile(name: string): Promise<VendorFile> | null {
  if (!Object.hasOwn(VENDOR_MODULES, name)) return null;
  let file = cache.get(name);
  if (!file) {
    file = load(name);
    cache.set(name, file);
    // a failed read (package missing) is retried on the next request, not remembered
    file.catch(() => cache.delete(name));
  }
  return file;
}
