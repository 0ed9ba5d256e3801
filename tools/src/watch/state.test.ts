import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { emptyState, feedState, loadState, markSeen, saveState, StateFileError } from './state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-watch-state-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test('a saved state loads back as it was, and no temporary file is left beside it', async () => {
  const file = path.join(dir, 'sub', 'state.json');
  const state = emptyState();
  const feed = feedState(state, 'https://example.org/rss');
  feed.etag = '"abc"';
  markSeen(feed, 'item-1', { at: 1, outcome: 'queued' });
  await saveState(file, state);
  expect(await loadState(file)).toEqual(state);
  expect(await readdir(path.dirname(file))).toEqual(['state.json']);
});

test('a missing file is a fresh start; a broken one is refused, saying what to do', async () => {
  expect(await loadState(path.join(dir, 'none.json'))).toEqual(emptyState());
  const broken = path.join(dir, 'broken.json');
  await writeFile(broken, '{"format": "newsgraph.watch-state/v1", "feeds": {');
  await expect(loadState(broken)).rejects.toThrow(StateFileError);
  await expect(loadState(broken)).rejects.toThrow(/move it away to start afresh/);
  await writeFile(broken, '{"something": "else"}');
  await expect(loadState(broken)).rejects.toThrow(/not a newsgraph.watch-state\/v1 document/);
  expect(await readFile(broken, 'utf8')).toBe('{"something": "else"}');
});

test('a finished item clears its attempts, and the oldest items are forgotten past the cap', () => {
  const feed = feedState(emptyState(), 'https://example.org/rss');
  feed.attempts = { b: 2 };
  markSeen(feed, 'a', { at: 10, outcome: 'ingested' }, 2);
  markSeen(feed, 'b', { at: 30, outcome: 'failed' }, 2);
  markSeen(feed, 'c', { at: 20, outcome: 'nothing' }, 2);
  expect(Object.keys(feed.seen).sort()).toEqual(['b', 'c']);
  expect(feed.attempts).toEqual({});
});
