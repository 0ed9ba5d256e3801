import { firstInvalidUtf8 } from './utf8';

describe('firstInvalidUtf8', () => {
  const at = (bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));

  test('well-formed text of every length passes', () => {
    expect(firstInvalidUtf8(Buffer.from('España, Ελλάδα, 日本, 🇪🇸\nline two'))).toBeUndefined();
  });

  test('a Latin-1 byte is found with its line and column', () => {
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from('{"a":\n"Espa'), Buffer.from([0xf1]), Buffer.from('a"}')]))).toEqual({ offset: 11, line: 2, column: 6 });
  });

  test('overlong forms, surrogates, values above U+10FFFF and truncated sequences are refused', () => {
    expect(at([0xc0, 0xaf])?.offset).toBe(0); // overlong "/"
    expect(at([0xe0, 0x80, 0xaf])?.offset).toBe(0); // overlong
    expect(at([0x41, 0xed, 0xa0, 0x80])?.offset).toBe(1); // U+D800
    expect(at([0xf4, 0x90, 0x80, 0x80])?.offset).toBe(0); // U+110000
    expect(at([0x41, 0x42, 0xe2, 0x82])?.offset).toBe(2); // truncated euro sign
    expect(at([0xe2, 0x82, 0xac])).toBeUndefined(); // the euro sign itself
  });
});
