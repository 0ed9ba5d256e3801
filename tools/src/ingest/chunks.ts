/** A slice of a list to send in one request, with where each item sits in the original list. */
export interface Chunk<T> {
  items: T[];
  indices: number[];
  /** some item refers to an item of an earlier chunk: this chunk must be written after those */
  needsEarlier: boolean;
}

/** Splits a list into chunks of at most `max`, keeping the order. */
export function chunk<T>(items: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += max) out.push(items.slice(i, i + max));
  return out;
}

/**
 * Strongly connected components of a graph given as adjacency lists, each component after every
 * component it points to (Tarjan's algorithm, iterative so that long chains cannot overflow the stack).
 */
export function componentsInDependencyOrder(edges: readonly number[][]): number[][] {
  const n = edges.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
  };
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    visit(root);
    const work: Array<{ v: number; next: number }> = [{ v: root, next: 0 }];
    while (work.length) {
      const frame = work[work.length - 1];
      const v = frame.v;
      if (frame.next < edges[v].length) {
        const w = edges[v][frame.next++];
        if (index[w] === -1) {
          visit(w);
          work.push({ v: w, next: 0 });
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1].v;
        low[u] = Math.min(low[u], low[v]);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        out.push(component.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

/** How large a chunk may grow: items, and bytes as sent (the gateway refuses bodies over 1 MiB). */
export interface ChunkBounds {
  items: number;
  /** with `sizeOf`: the sum of the items' sizes stays under this */
  bytes?: number;
  sizeOf?: (item: unknown) => number;
}

/**
 * Splits a list into chunks of at most `max` items (and, when given, bytes) such that an item
 * refers only to items of its own chunk or of earlier ones: the server checks every reference of a
 * write against what is stored or in the same write, so a chunk must never point forward. Items
 * referring to each other in a cycle stay in one chunk (which may then exceed the bounds, a case
 * real packages do not have). Without references the original order is kept.
 */
export function dependencyChunks<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  refsOf: (item: T) => readonly string[],
  max: number | ChunkBounds,
): Chunk<T>[] {
  const bounds: ChunkBounds = typeof max === 'number' ? { items: max } : max;
  const sizeOf = bounds.sizeOf && bounds.bytes !== undefined ? bounds.sizeOf : () => 0;
  const maxBytes = bounds.bytes ?? Infinity;
  const position = new Map<string, number>();
  items.forEach((item, i) => position.set(keyOf(item), i));
  const edges = items.map((item) =>
    refsOf(item)
      .map((key) => position.get(key))
      .filter((j): j is number => j !== undefined),
  );
  const chunks: Chunk<T>[] = [];
  let current: Chunk<T> = { items: [], indices: [], needsEarlier: false };
  let currentBytes = 0;
  for (const component of componentsInDependencyOrder(edges)) {
    const componentBytes = component.reduce((sum, i) => sum + sizeOf(items[i]), 0);
    const full = current.items.length + component.length > bounds.items || currentBytes + componentBytes > maxBytes;
    if (current.items.length > 0 && full) {
      chunks.push(current);
      current = { items: [], indices: [], needsEarlier: false };
      currentBytes = 0;
    }
    for (const i of component) {
      current.items.push(items[i]);
      current.indices.push(i);
    }
    currentBytes += componentBytes;
  }
  if (current.items.length) chunks.push(current);
  const chunkOf = new Array<number>(items.length);
  chunks.forEach((c, k) => c.indices.forEach((i) => (chunkOf[i] = k)));
  chunks.forEach((c, k) => {
    c.needsEarlier = c.indices.some((i) => edges[i].some((j) => chunkOf[j] < k));
  });
  return chunks;
}
