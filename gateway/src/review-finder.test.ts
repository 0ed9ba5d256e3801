import { createReviewFinder, FinderUnavailable } from './review-finder';

const article = (text: string) => JSON.stringify({ text, publishedAt: '2026-03-06' });
const SAID = '“We have checked every crane twice,” said Rui Matos, the harbour master.';

test('reads and finds in a worker thread: the same answer the extractor gives in process', async () => {
  const finder = createReviewFinder();
  try {
    const found = await finder.find(article(SAID));
    expect(found.read.article?.text).toBe(SAID);
    expect(found.extraction?.quotations.map((q) => q.text)).toContain('We have checked every crane twice');
    // a fatal reading problem comes back as such, with no extraction
    const empty = await finder.find(JSON.stringify({ text: 7 }));
    expect(empty.extraction).toBeUndefined();
    expect(empty.read.problems.length).toBeGreaterThan(0);
  } finally {
    await finder.close();
  }
});

test('a job over its time ends the worker and says so; the next job gets a fresh worker', async () => {
  const finder = createReviewFinder({ timeoutMs: 1 });
  try {
    await expect(finder.find(article(Array.from({ length: 300 }, () => SAID).join('\n\n')))).rejects.toThrow(FinderUnavailable);
  } finally {
    await finder.close();
  }
  const patient = createReviewFinder({ timeoutMs: 20_000 });
  try {
    expect((await patient.find(article(SAID))).extraction?.quotations.length).toBeGreaterThan(0);
  } finally {
    await patient.close();
  }
});

test('beyond the waiting line a job is refused at once, not queued without bound', async () => {
  const finder = createReviewFinder({ maxWaiting: 1 });
  try {
    const first = finder.find(article(SAID));
    await expect(finder.find(article(SAID))).rejects.toThrow(/being read already/);
    await expect(first).resolves.toBeDefined();
  } finally {
    await finder.close();
  }
});
