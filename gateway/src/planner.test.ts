import { queryPlanner } from './planner';

describe('query planner choice', () => {
  test('js keeps the runtime planner (no handler)', () => {
    expect(queryPlanner('js')).toEqual({ kind: 'js' });
  });

  const nativeHere = process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64');
  (nativeHere ? test : test.skip)('auto and rust load the native planner on Linux glibc', () => {
    for (const choice of ['auto', 'rust'] as const) {
      const planner = queryPlanner(choice);
      expect(planner.kind).toBe('rust');
      expect(typeof planner.handler).toBe('function');
    }
  });
});
