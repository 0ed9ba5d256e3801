/** Lowercase without accents: "José" -> "jose", "ÁLVAREZ" -> "alvarez". For comparing names, never for output. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[’‘`]/g, "'");
}
