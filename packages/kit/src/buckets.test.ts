import { boundDay, bucketCount, bucketStart, bucketStarts, nextBucket, previousDay } from './buckets';

describe('count buckets', () => {
  test('a day is its own bucket; a week starts on Monday; a month on its first', () => {
    expect(bucketStart('2026-03-04', 'DAY')).toBe('2026-03-04');
    // 2026-03-04 is a Wednesday; 2026-03-08 a Sunday; 2026-03-09 a Monday
    expect(bucketStart('2026-03-04', 'WEEK')).toBe('2026-03-02');
    expect(bucketStart('2026-03-08', 'WEEK')).toBe('2026-03-02');
    expect(bucketStart('2026-03-09', 'WEEK')).toBe('2026-03-09');
    expect(bucketStart('2026-01-01', 'WEEK')).toBe('2025-12-29');
    expect(bucketStart('2026-03-31', 'MONTH')).toBe('2026-03-01');
  });

  test('next buckets cross months, years and leap days', () => {
    expect(nextBucket('2024-02-28', 'DAY')).toBe('2024-02-29');
    expect(nextBucket('2024-02-29', 'DAY')).toBe('2024-03-01');
    expect(nextBucket('2025-12-29', 'WEEK')).toBe('2026-01-05');
    expect(nextBucket('2025-12-01', 'MONTH')).toBe('2026-01-01');
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
  });

  test('the range of buckets between two days, both included', () => {
    expect(bucketStarts('2026-03-04', '2026-03-06', 'DAY')).toEqual(['2026-03-04', '2026-03-05', '2026-03-06']);
    expect(bucketStarts('2026-03-04', '2026-03-09', 'WEEK')).toEqual(['2026-03-02', '2026-03-09']);
    expect(bucketStarts('2026-01-31', '2026-03-01', 'MONTH')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(bucketStarts('2026-03-05', '2026-03-04', 'DAY')).toEqual([]);
    expect(bucketCount('2026-03-04', '2026-03-06', 'DAY')).toBe(3);
    expect(bucketCount('2026-01-31', '2026-03-01', 'MONTH')).toBe(3);
  });

  test('counting a huge range stops past the cap', () => {
    expect(bucketCount('0001-01-01', '9999-12-31', 'DAY', 1000)).toBe(1001);
  });
});

describe('the days a period bound admits', () => {
  test('saidAfter admits from the start of its date; saidBefore up to the day before its date', () => {
    expect(boundDay('2026-03', 'start')).toBe('2026-03-01');
    expect(boundDay('2026-04', 'end')).toBe('2026-03-31');
    expect(boundDay('2026', 'end')).toBe('2025-12-31');
    expect(boundDay('2026-03-04', 'end')).toBe('2026-03-03');
  });

  test('an instant admits part of its UTC day; absent or malformed bounds are open', () => {
    expect(boundDay('2026-03-04T23:30:00-02:00', 'start')).toBe('2026-03-05');
    expect(boundDay(null, 'start')).toBeNull();
    expect(boundDay('next week', 'end')).toBeNull();
  });
});
