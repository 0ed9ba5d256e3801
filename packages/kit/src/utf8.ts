/** Where a byte sequence stops being UTF-8: byte offset (0-based), line and column (1-based, in characters). */
export interface Utf8Fault {
  offset: number;
  line: number;
  column: number;
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 when it is not one (RFC 3629, table 3-7 of Unicode). */
function sequenceAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0; // no overlong forms
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0; // no surrogates
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0; // nothing above U+10FFFF
  return 0;
}

/**
 * The first place where `bytes` is not UTF-8, or undefined when all of it is. JSON text exchanged
 * between systems must be UTF-8 (RFC 8259 section 8.1); decoding it leniently would store U+FFFD
 * ("Espa\uFFFDa") where the sender meant something else, so invalid input is refused, saying where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): Utf8Fault | undefined {
  let line = 1;
  let column = 1;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceAt(bytes, i);
    if (n === 0) return { offset: i, line, column };
    if (bytes[i] === 0x0a) {
      line += 1;
      column = 1;
    } else column += 1;
    i += n;
  }
  return undefined;
}

/** "byte 17 (line 2, column 9)" */
export function describeUtf8Fault(fault: Utf8Fault): string {
  return `byte ${fault.offset} (line ${fault.line}, column ${fault.column})`;
}
