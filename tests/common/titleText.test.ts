import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanTitle } from '../../src/common/titleText';

// Every character the rule removes or turns into a space, by code point.
const REMOVED = [
  ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c < 0x09 || c > 0x0d),
  ...Array.from({ length: 0xa0 - 0x7f }, (_, i) => 0x7f + i).filter((c) => c !== 0x85),
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
  0x2066, 0x2067, 0x2068, 0x2069, 0x206a, 0x206f, 0xfeff, 0xfff9, 0xfffb,
].map((c) => String.fromCharCode(c));
const BREAKS = ['\t', '\n', '\v', '\f', '\r', '\u0085', '\u2028', '\u2029'];

describe('cleanTitle', () => {
  const cases: [raw: string, clean: string][] = [
    ['Write report', 'Write report'],
    ['Write\u0000 report', 'Write report'],
    ['Write\u0000 report\u202e', 'Write report'],
    ['\u202eWrite report', 'Write report'],
    // an override that would show "fdp.exe" as "exe.pdf"
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['a\u2066b\u2069c\u200ed\u200fe\u061cf', 'abcdef'],
    ['a\u0000b', 'ab'],
    ['a \u0000 b', 'a b'],
    ['\u001b[31mred\u001b[0m', '[31mred[0m'],
    ['del\u007fete \u009bC1', 'delete C1'],
    ['\ufeffBOM first', 'BOM first'],
    // tabs and line breaks become one space, with the spaces around them
    ['Write\treport', 'Write report'],
    ['Write \r\n\t report', 'Write report'],
    ['line\u2028break\u2029para\u0085nel', 'line break para nel'],
    ['  \n padded \t ', 'padded'],
    // other spacing is kept as typed (the duration parser collapses only what it removes)
    ['Write  big report', 'Write  big report'],
    ['10\u00a0km run', '10\u00a0km run'],
    // kept: emoji, ZWJ sequences, variation selectors, flags, skin tones, CJK, combining marks
    ['Ship it 🚀', 'Ship it 🚀'],
    ['Family 👩\u200d👩\u200d👧\u200d👦 day', 'Family 👩\u200d👩\u200d👧\u200d👦 day'],
    ['Pride 🏳\ufe0f\u200d🌈 and 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}', 'Pride 🏳\ufe0f\u200d🌈 and 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}'],
    ['👍🏽 ok', '👍🏽 ok'],
    ['報告書を書く', '報告書を書く'],
    ['회의 준비', '회의 준비'],
    ['Cafe\u0301 noe\u0308l', 'Cafe\u0301 noe\u0308l'],
    ['مرحبا بالعالم', 'مرحبا بالعالم'],
    ['می\u200cخواهم', 'می\u200cخواهم'], // ZWNJ is part of Persian spelling
    ['नमस्ते', 'नमस्ते'],
    // lone surrogates are not text; a pair is
    ['a\ud800b', 'ab'],
    ['a\udc00b', 'ab'],
    ['😀', '😀'],
    // nothing readable: empty
    ['', ''],
    ['   ', ''],
    ['\u0000', ''],
    ['\u0000\u202e', ''],
    ['\u202e\u202d\u2066\t\n', ''],
    ['\u200d\u200c\u0301', ''],
    ['\ud800', ''],
    // readable punctuation or symbols alone are text
    ['?', '?'],
    ['[1h]', '[1h]'],
  ];

  it.each(cases)('%j -> %j', (raw, clean) => {
    expect(cleanTitle(raw)).toBe(clean);
  });

  it('removes every control and bidi character it lists, anywhere', () => {
    for (const ch of REMOVED) {
      expect(cleanTitle(`a${ch}b`), `U+${ch.charCodeAt(0).toString(16)}`).toBe('ab');
      expect(cleanTitle(ch), `U+${ch.charCodeAt(0).toString(16)}`).toBe('');
    }
    for (const br of BREAKS) expect(cleanTitle(`a${br}b`)).toBe('a b');
  });

  it('is idempotent, and leaves nothing it removes behind', () => {
    const noise = fc.constantFrom(...REMOVED, ...BREAKS, ' ', '\u200d', '\u0301', 'a', '🙂', '[', '1h', '報');
    const title = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.array(noise, { maxLength: 30 }).map((p) => p.join('')));
    fc.assert(
      fc.property(title, (raw) => {
        const once = cleanTitle(raw);
        expect(cleanTitle(once)).toBe(once);
        for (const ch of [...REMOVED, ...BREAKS]) expect(once.includes(ch)).toBe(false);
        expect(once).toBe(once.trim());
        expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(once)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('is linear on long input', () => {
    const n = 200_000;
    const inputs = [' '.repeat(n) + 'x', '\u0000 '.repeat(n / 2) + 'x', 'a\t'.repeat(n / 2), '\u202e'.repeat(n)];
    expect(inputs.map((s) => cleanTitle(s).length)).toEqual([1, 1, n - 1, 0]);
  });
});
