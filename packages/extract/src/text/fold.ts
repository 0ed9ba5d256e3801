const cache = new Map<string, string>();

/** Lowercase without accents: "José" -> "jose", "ÁLVAREZ" -> "alvarez". For comparing names, never for output. */
export function fold(s: string): string {
  let f = cache.get(s);
  if (f === undefined) {
    f = s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[’‘`]/g, "'");
    // words repeat across articles; the cache is bounded so a long-running watcher does not grow it forever
    if (cache.size > 50_000) cache.clear();
    cache.set(s, f);
  }
  return f;
}
