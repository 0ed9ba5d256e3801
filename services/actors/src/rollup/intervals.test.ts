import { clip, contains, intersect, mergeIntervals } from './intervals';

const i = (from: string | null, to: string | null) => ({ from, to });

describe('day intervals', () => {
  it('merges overlapping and adjacent ranges, and drops empty ones', () => {
    expect(
      mergeIntervals([i('2022-01-01', '2023-01-01'), i('2020-01-01', '2021-01-01'), i('2021-01-01', '2021-06-01'), i('2024-01-01', '2024-01-01')]),
    ).toEqual([i('2020-01-01', '2021-06-01'), i('2022-01-01', '2023-01-01')]);
  });

  it('keeps a gap of one day', () => {
    expect(mergeIntervals([i('2020-01-01', '2020-01-02'), i('2020-01-03', '2020-01-04')])).toHaveLength(2);
  });

  it('treats null as unbounded on either side', () => {
    expect(mergeIntervals([i(null, '2020-01-01'), i(null, '2019-01-01'), i('2019-06-01', '2021-01-01')])).toEqual([i(null, '2021-01-01')]);
    expect(mergeIntervals([i('2020-01-01', null), i('2021-01-01', '2022-01-01')])).toEqual([i('2020-01-01', null)]);
    expect(mergeIntervals([i('2020-01-01', null), i(null, '2020-01-01')])).toEqual([i(null, null)]);
    expect(mergeIntervals([i('2020-01-01', '2021-01-01'), i(null, null)])).toEqual([i(null, null)]);
  });

  it('intersects and clips', () => {
    expect(intersect(i(null, '2021-01-01'), i('2020-01-01', null))).toEqual(i('2020-01-01', '2021-01-01'));
    expect(intersect(i(null, '2020-01-01'), i('2020-01-01', null))).toBeNull();
    expect(clip([i(null, '2019-01-01'), i('2020-01-01', null)], i('2018-06-01', '2020-06-01'))).toEqual([
      i('2018-06-01', '2019-01-01'),
      i('2020-01-01', '2020-06-01'),
    ]);
  });

  it('contains a day when from <= day < to', () => {
    expect(contains(i('2021-07-12', '2024-01-01'), '2021-07-12')).toBe(true);
    expect(contains(i('2021-07-12', '2024-01-01'), '2023-12-31')).toBe(true);
    expect(contains(i('2021-07-12', '2024-01-01'), '2024-01-01')).toBe(false);
    expect(contains(i('2021-07-12', '2024-01-01'), '2021-07-11')).toBe(false);
    expect(contains(i(null, null), '0001-01-01')).toBe(true);
  });
});
