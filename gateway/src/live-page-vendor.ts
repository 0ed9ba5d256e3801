import { readFileSync } from 'node:fs';
import { AssetFile } from './http/static-assets';

/**
 * The chart library the dashboard draws with: Apache ECharts (Apache-2.0), served from the copy
 * npm installed (its self-contained ES module build, licence header included), never from a CDN.
 * The page's modules import it as `./vendor/echarts.js`, so it lives in the dashboard's asset tree
 * (content-hashed, compressed and cached like the page's own modules: http/static-assets.ts).
 */
export const VENDOR_MODULES: Record<string, string> = {
  'echarts.js': 'echarts/dist/echarts.esm.min.mjs',
};

/** The vendor modules as asset files named `vendor/<name>` (read once, at start). */
export function vendorAssetFiles(): AssetFile[] {
  return Object.entries(VENDOR_MODULES).map(([name, specifier]) => ({
    name: `vendor/${name}`,
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(require.resolve(specifier)),
  }));
}

/** One vendor module's bytes, for the plain `/live/vendor/<name>` path; null when there is none. */
export function vendorBody(name: string): Buffer | null {
  return Object.hasOwn(VENDOR_MODULES, name) ? readFileSync(require.resolve(VENDOR_MODULES[name])) : null;
}
