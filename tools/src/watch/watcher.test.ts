import { backoffSeconds, itemId } from './watcher';

test('backoff doubles the interval per failure up to the cap', () => {
  expect([1, 2, 3, 4].map((f) => backoffSeconds(60, f, 3600))).toEqual([120, 240, 480, 960]);
  expect(backoffSeconds(60, 10, 3600)).toBe(3600);
  expect(backoffSeconds(60, 5000, 3600)).toBe(3600);
});

test('an item is known by its id, else its link, else its title and date', () => {
  const base = { id: null, url: null, title: 'Talks stall', published: new Date('2026-03-06T09:45:00Z') };
  expect(itemId({ ...base, id: 'tag:x,2026:1', url: 'https://x/1' })).toBe('tag:x,2026:1');
  expect(itemId({ ...base, url: 'https://x/1' })).toBe('https://x/1');
  expect(itemId(base)).toBe(itemId({ ...base }));
  expect(itemId(base)).not.toBe(itemId({ ...base, title: 'Talks resume' }));
  expect(itemId(base)).toMatch(/^h:[0-9a-f]{24}$/);
});
