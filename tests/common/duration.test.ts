import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  durationHints,
  formatMinutes,
  latestStartMinute,
  parseTitleDuration,
} from '../../src/common/duration';

// A deliberately different reference for "which groups are durations": brackets are paired by
// repeatedly cancelling an adjacent "[ ]" (innermost first), enclosure is checked pair against
// pair, and amounts are BigInt so no size can overflow.
function referenceGroups(text: string): { start: number; end: number; minutes: number }[] {
  const live: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '[' || text[i] === ']') live.push(i);
  const pairs: { start: number; end: number }[] = [];
  for (let k = 0; k + 1 < live.length; ) {
    if (text[live[k]!] === '[' && text[live[k + 1]!] === ']') {
      pairs.push({ start: live[k]!, end: live[k + 1]! + 1 });
      live.splice(k, 2);
      k = 0;
    } else k++;
  }
  const forms: [RegExp, (m: RegExpExecArray) => bigint][] = [
    [/^\s*(\d+)[hH]\s*(\d+)[mM]\s*$/, (m) => BigInt(m[1]!) * 60n + BigInt(m[2]!)],
    [/^\s*(\d+)[hH]\s*$/, (m) => BigInt(m[1]!) * 60n],
    [/^\s*(\d+)[mM]\s*$/, (m) => BigInt(m[1]!)],
  ];
  return pairs
    .filter((p) => !pairs.some((q) => q.start < p.start && p.end < q.end))
    .flatMap((p) => {
      const body = text.slice(p.start + 1, p.end - 1);
      for (const [re, total] of forms) {
        const m = re.exec(body);
        if (m) {
          const t = total(m);
          return t >= 1n && t <= 1440n ? [{ ...p, minutes: Number(t) }] : [];
        }
      }
      return [];
    })
    .sort((a, b) => a.start - b.start);
}

const noWhitespace = (s: string) => s.replace(/\s/g, '');

// --- arbitraries -----------------------------------------------------------------------------

const space = fc.constantFrom('', '', ' ', '  ', '\t', '\u00a0');
const zeros = fc.constantFrom('', '', '0', '00');

/** One way of writing d minutes inside brackets: forms, case, zeros and spacing all vary. */
const durationText = (d: number): fc.Arbitrary<string> => {
  const hours = Math.floor(d / 60);
  const minutesOnly = fc
    .tuple(space, zeros, fc.constantFrom('m', 'M'), space)
    .map(([a, z, m, b]) => `${a}${z}${d}${m}${b}`);
  const hoursAndMinutes = fc
    .tuple(fc.integer({ min: 0, max: hours }), space, zeros, fc.constantFrom('h', 'H'), space, zeros, fc.constantFrom('m', 'M'), space)
    .map(([h, a, z1, hu, mid, z2, mu, b]) => `${a}${z1}${h}${hu}${mid}${z2}${d - h * 60}${mu}${b}`);
  const options = [minutesOnly, hoursAndMinutes, fc.constant(formatMinutes(d))];
  if (d % 60 === 0) {
    options.push(fc.tuple(space, zeros, fc.constantFrom('h', 'H'), space).map(([a, z, h, b]) => `${a}${z}${hours}${h}${b}`));
  }
  return fc.oneof(...options);
};

const validDuration = fc.integer({ min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES });
const validGroup = validDuration.chain((d) => durationText(d)).map((t) => `[${t}]`);
// Close to valid but not: out of range, wrong order, decimals, missing parts.
const nearMissGroup = fc.oneof(
  fc.constantFrom('[0m]', '[0h]', '[0h0m]', '[24h1m]', '[1441m]', '[25h]', '[99999999999m]', `[${'9'.repeat(400)}h]`),
  fc.constantFrom('[1.5h]', '[90]', '[m]', '[h]', '[30m1h]', '[1 h]', '[1hm]', '[WIP]', '[]', '[ ]', '[-5m]', '[+5m]', '[1h 30m x]', '[1d]'),
);
const piece = fc.constantFrom('[', ']', '[', ']', ' ', '  ', '\t', '\n', 'h', 'M', '1', '30', '0', '1h', ' 30m', 'WIP', 'x', 'é', '🙂', '\u00a0');
// A valid group wrapped in brackets with bits of duration around it, e.g. "[1[30m]h]" or
// "[ [30m] 1h]": taking the inner group out would leave a new valid group behind.
const nestedGroup = fc
  .tuple(fc.array(piece, { maxLength: 3 }), validGroup, fc.array(piece, { maxLength: 3 }))
  .map(([before, group, after]) => `[${before.join('')}${group}${after.join('')}]`);
const fragment = fc.oneof(
  { weight: 4, arbitrary: piece },
  { weight: 3, arbitrary: validGroup },
  { weight: 2, arbitrary: nearMissGroup },
  { weight: 1, arbitrary: nestedGroup },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: 'grapheme' }) },
);
/** Titles dense in brackets, digits, units and whitespace, with groups nested and glued. */
const bracketHeavy = fc.array(fragment, { maxLength: 24 }).map((parts) => parts.join(''));
const anyTitle = fc.oneof({ weight: 4, arbitrary: bracketHeavy }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) });
const baseWithoutBrackets = fc
  .oneof(fc.string({ unit: 'grapheme' }), fc.array(fragment, { maxLength: 10 }).map((p) => p.join('')))
  .map((s) => s.replace(/[[\]]/g, ''));

const runs = { numRuns: 2000 };

// --- tests -----------------------------------------------------------------------------------

describe('parseTitleDuration: examples', () => {
  const cases: [input: string, title: string, minutes: number | null][] = [
    // the forms of DESIGN §2
    ['Write report [1h30m]', 'Write report', 90],
    ['Write report [75m]', 'Write report', 75],
    ['Write report [1h]', 'Write report', 60],
    ['Write report [30m]', 'Write report', 30],
    ['Write report [ 1h 30m ]', 'Write report', 90],
    ['Write report [1H30M]', 'Write report', 90],
    ['Write report [1h30M]', 'Write report', 90],
    ['Write report [\t2h\t]', 'Write report', 120],
    // not durations: stay untouched
    ['[WIP] Write report', '[WIP] Write report', null],
    ['Write [0m] report', 'Write [0m] report', null],
    ['Write [1.5h] report', 'Write [1.5h] report', null],
    ['Write [90] report', 'Write [90] report', null],
    ['Write [m] report', 'Write [m] report', null],
    ['Write [30m1h] report', 'Write [30m1h] report', null],
    ['Write [1 h] report', 'Write [1 h] report', null],
    ['Write [1hm] report', 'Write [1hm] report', null],
    ['Write [-5m] report', 'Write [-5m] report', null],
    ['Write [] report', 'Write [] report', null],
    ['Write [ ]  report', 'Write [ ]  report', null],
    ['Write report', 'Write report', null],
    ['', '', null],
    // range 1 min .. 24 h
    ['a [1m]', 'a', 1],
    ['a [24h]', 'a', 1440],
    ['a [1440m]', 'a', 1440],
    ['a [23h60m]', 'a', 1440],
    ['a [1441m]', 'a [1441m]', null],
    ['a [24h1m]', 'a [24h1m]', null],
    ['a [25h]', 'a [25h]', null],
    ['a [0h0m]', 'a [0h0m]', null],
    // huge numbers never wrap into range
    ['a [99999999999m]', 'a [99999999999m]', null],
    ['a [4294967356m]', 'a [4294967356m]', null], // 2^32 + 60
    ['a [18446744073709551676m]', 'a [18446744073709551676m]', null], // 2^64 + 60
    [`a [${'9'.repeat(400)}h]`, `a [${'9'.repeat(400)}h]`, null], // Infinity as a double
    // leading zeros are just zeros
    ['a [01h]', 'a', 60],
    ['a [0h30m]', 'a', 30],
    ['a [1h0m]', 'a', 60],
    ['a [000000000000000000000090m]', 'a', 90],
    ['a [00m]', 'a [00m]', null],
    // minutes beyond 59 next to hours: the total counts
    ['a [1h90m]', 'a', 150],
    // several: the last valid one wins, every valid one goes, invalid ones stay
    ['[1h] a [30m] b [2h]', 'a b', 120],
    ['a [2h] b [0m]', 'a b [0m]', 120],
    ['a [45m][WIP][1h]', 'a [WIP]', 60],
    ['a [1h] [30m]', 'a', 30],
    ['a [1h][30m] b', 'a b', 30],
    // whitespace left behind collapses; other whitespace is kept; the result is trimmed
    ['  Write   [1h]   report  ', 'Write report', 60],
    ['Write  big [1h] report', 'Write  big report', 60],
    ['Write\t[1h]\nreport', 'Write report', 60],
    ['Write[1h]report', 'Writereport', 60],
    ['Write [1h]report', 'Write report', 60],
    ['[1h]Write', 'Write', 60],
    ['  padded  ', 'padded', null],
    // nothing left: '' (callers reject it)
    ['[1h]', '', 60],
    ['  [1h]  [2h] ', '', 120],
    // nested brackets are literal text; unmatched brackets enclose nothing
    ['a [[1h]]', 'a [[1h]]', null],
    ['a [1[30m]h]', 'a [1[30m]h]', null],
    ['a [ [30m] 1h]', 'a [ [30m] 1h]', null],
    ['a [note [1h]] [30m]', 'a [note [1h]]', 30],
    ['a [ [1h]', 'a [', 60],
    ['a ] [1h] ]', 'a ] ]', 60],
    ['a [1h', 'a [1h', null],
    ['a 1h]', 'a 1h]', null],
    // unicode around the group survives intact
    ['Café 🙂 [1h] ünïcode', 'Café 🙂 ünïcode', 60],
    ['a\u00a0[1h]\u00a0b', 'a b', 60],
    // only ASCII digits and the letters h/m count
    ['a [١h]', 'a [١h]', null], // Arabic-Indic digit one
    ['a [1ｈ]', 'a [1ｈ]', null], // fullwidth h
  ];

  it.each(cases)('%j -> %j, %j', (input, title, minutes) => {
    expect(parseTitleDuration(input)).toEqual({ title, minutes });
  });

  it('handles long adversarial input in linear-ish time', () => {
    const n = 200_000;
    const inputs = [
      '['.repeat(n) + '1h' + ']'.repeat(n),
      '[' + ' '.repeat(n) + 'x]',
      '[1h' + ' '.repeat(n) + 'x]',
      '[' + '1'.repeat(n) + 'x]',
      '[1h] '.repeat(n / 5),
    ];
    // A linear pass takes milliseconds; anything quadratic here would take minutes and fail
    // on the test's timeout. How fast it is belongs in bench/, not here.
    const results = inputs.map(parseTitleDuration);
    expect(results.map((r) => r.minutes)).toEqual([null, null, null, null, 60]);
    expect(results[4]!.title).toBe('');
  });
});

describe('parseTitleDuration: properties', () => {
  it('(1) leaves no valid duration group in the title', () => {
    fc.assert(
      fc.property(anyTitle, (input) => {
        expect(referenceGroups(parseTitleDuration(input).title)).toEqual([]);
      }),
      runs,
    );
  });

  it('(2) is idempotent: the returned title parses to itself and no minutes', () => {
    fc.assert(
      fc.property(anyTitle, (input) => {
        const { title } = parseTitleDuration(input);
        expect(parseTitleDuration(title)).toEqual({ title, minutes: null });
      }),
      runs,
    );
  });

  it('(3) minutes are a whole number in [1, 1440] or null', () => {
    fc.assert(
      fc.property(anyTitle, (input) => {
        const { minutes } = parseTitleDuration(input);
        if (minutes !== null) {
          expect(Number.isInteger(minutes)).toBe(true);
          expect(minutes).toBeGreaterThanOrEqual(MIN_DURATION_MINUTES);
          expect(minutes).toBeLessThanOrEqual(MAX_DURATION_MINUTES);
        }
      }),
      runs,
    );
  });

  it('(4) a duration appended to a bracket-free title is read back and removed', () => {
    fc.assert(
      fc.property(baseWithoutBrackets, validDuration.chain((d) => durationText(d).map((text) => ({ d, text }))), (base, { d, text }) => {
        expect(parseTitleDuration(`${base} [${text}]`)).toEqual({ title: base.trim(), minutes: d });
      }),
      runs,
    );
  });

  it('(5) the minutes are those of the last valid group; with none the title is only trimmed', () => {
    fc.assert(
      fc.property(anyTitle, (input) => {
        const groups = referenceGroups(input);
        const result = parseTitleDuration(input);
        expect(result.minutes).toBe(groups.at(-1)?.minutes ?? null);
        if (groups.length === 0) expect(result.title).toBe(input.trim());
      }),
      runs,
    );
  });

  it('(6) removes exactly the valid groups; everything else except whitespace is kept in order', () => {
    fc.assert(
      fc.property(anyTitle, (input) => {
        let kept = '';
        let cursor = 0;
        for (const g of referenceGroups(input)) {
          kept += input.slice(cursor, g.start);
          cursor = g.end;
        }
        kept += input.slice(cursor);
        expect(noWhitespace(parseTitleDuration(input).title)).toBe(noWhitespace(kept));
      }),
      runs,
    );
  });

  it('(7) a removed run of groups and whitespace becomes one space, or nothing if it had no whitespace', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('a', 'b', ' ', '\t', '  ', '\u00a0'), validGroup), { maxLength: 12 }),
        (parts) => {
          // Only words, whitespace and valid groups, so the rule can be restated with a marker
          // character that cannot occur in the input.
          const input = parts.join('');
          let marked = '';
          let cursor = 0;
          for (const g of referenceGroups(input)) {
            marked += `${input.slice(cursor, g.start)}\uE000`;
            cursor = g.end;
          }
          marked += input.slice(cursor);
          const expected = marked
            .replace(/[\s\uE000]*\uE000[\s\uE000]*/g, (run) => (/\s/.test(run) ? ' ' : ''))
            .trim();
          expect(parseTitleDuration(input).title).toBe(expected);
        },
      ),
      runs,
    );
  });
});

describe('formatMinutes', () => {
  it.each([
    [0, '0m'],
    [1, '1m'],
    [45, '45m'],
    [59, '59m'],
    [60, '1h'],
    [61, '1h 1m'],
    [90, '1h 30m'],
    [1440, '24h'],
    [2400, '40h'],
    [-90, '-1h 30m'],
    [-45, '-45m'],
  ])('%d -> %j', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });

  it('formats every valid duration so that the title syntax reads it back', () => {
    for (let d = MIN_DURATION_MINUTES; d <= MAX_DURATION_MINUTES; d++) {
      expect(parseTitleDuration(`t [${formatMinutes(d)}]`)).toEqual({ title: 't', minutes: d });
    }
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1.5, 2 ** 60])('rejects %d with a RangeError', (bad) => {
    expect(() => formatMinutes(bad)).toThrow(RangeError);
  });
});

describe('constants', () => {
  it('bound durations to 1 minute .. 24 hours', () => {
    expect([MIN_DURATION_MINUTES, MAX_DURATION_MINUTES]).toEqual([1, 24 * 60]);
  });
});

describe('durationHints', () => {
  const hints = (title: string) => durationHints(title).map((h) => h.message);

  it('says in plain words why each attempted duration is not one', () => {
    expect(hints('Plan [99h]')).toEqual(["[99h] can't be planned: up to [24h]"]);
    expect(hints('Plan [24h1m]')).toEqual(["[24h1m] can't be planned: up to [24h]"]);
    expect(hints('Plan [1441m]')).toEqual(["[1441m] can't be planned: up to [24h]"]);
    expect(hints('Plan [0m]')).toEqual(['[0m] is too short: at least [1m]']);
    expect(hints('Plan [0h0m]')).toEqual(['[0h0m] is too short: at least [1m]']);
    expect(hints('Plan [00m]')).toEqual(['[00m] is too short: at least [1m]']);
    for (const bad of ['[1h 30]', '[90]', '[1 h]', '[1.5h]', '[1,5h]', '[30m1h]', '[1hm]', '[-5m]', '[+5m]', '[1:30]', '[90 min]', '[2 hours]', '[1h30]']) {
      expect(hints(`Plan ${bad}`), bad).toEqual([`${bad} isn't a duration: write it like [1h30m]`]);
    }
    expect(hints('Plan []')).toEqual(['[] is empty: write a duration like [45m], or remove it']);
    expect(hints('Plan [ ]')).toEqual(['[ ] is empty: write a duration like [45m], or remove it']);
  });

  it('answers the group as typed, inside and whole, and where it is', () => {
    const title = 'Write [1h 30] report';
    expect(durationHints(title)).toEqual([
      { text: '1h 30', bracket: '[1h 30]', message: "[1h 30] isn't a duration: write it like [1h30m]", kind: 'malformed', start: 6, end: 13 },
    ]);
    expect(durationHints('a [99h] b [] c [0m]').map((h) => h.kind)).toEqual(['too_long', 'empty', 'too_short']);
  });

  it('gives no hint for valid durations or for brackets that are clearly something else', () => {
    for (const title of ['Write report', 'Write [1h30m]', 'a [ 1h 30m ]', 'a [24h]', 'a [1m]', '[1h] a [30m] b [2h]']) {
      expect(hints(title), title).toEqual([]);
    }
    for (const other of ['[WIP]', '[JIRA-12]', '[Client]', '[m]', '[h]', '[v2]', '[Q3]', '[#123]', '[1/2]', '[50%]', '[3 of 5]', '[2026-03-11]', '[١h]', '[1ｈ]']) {
      expect(hints(`Write ${other}`), other).toEqual([]);
    }
  });

  it('looks at top-level groups only, like the parser', () => {
    expect(hints('a [[1h 30]]')).toEqual([]);
    expect(hints('a [note [90]] [0m]')).toEqual(['[0m] is too short: at least [1m]']);
    expect(hints('a [90')).toEqual([]);
  });

  it('judges a group as main will after cleaning, and shows it cleaned', () => {
    expect(hints('a [1h\u200e]')).toEqual([]);
    expect(hints('a [\u202e]')).toEqual(['[] is empty: write a duration like [45m], or remove it']);
    expect(hints('a [99\u0000h]')).toEqual(["[99h] can't be planned: up to [24h]"]);
    expect(durationHints('a [99\u0000h]')[0]).toMatchObject({ text: '99\u0000h', bracket: '[99\u0000h]' });
  });

  it('shortens a long group in the message, never in the group', () => {
    const long = `[${'9'.repeat(400)}h]`;
    const [hint] = durationHints(`a ${long}`);
    expect(hint).toMatchObject({ bracket: long, kind: 'too_long' });
    expect(hint!.message).toBe(`[${'9'.repeat(21)}…] can't be planned: up to [24h]`);
  });

  it('never hints at a group the parser takes as a duration, and each hint is a group the parser kept', () => {
    fc.assert(
      fc.property(anyTitle, (input) => {
        const valid = referenceGroups(input);
        const kept = parseTitleDuration(input).title;
        for (const h of durationHints(input)) {
          expect(input.slice(h.start, h.end)).toBe(h.bracket);
          expect(valid.some((g) => g.start === h.start)).toBe(false);
          expect(kept.includes(h.bracket)).toBe(true);
          expect(h.message.length).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  it('is linear on long input', () => {
    const n = 200_000;
    const inputs = ['['.repeat(n) + '1h 30' + ']'.repeat(n), '[' + '1 h '.repeat(n / 4) + ']', '[' + ' '.repeat(n) + ']', '[90] '.repeat(n / 5)];
    expect(inputs.map((s) => durationHints(s).map((h) => h.kind).join())).toEqual(['', 'malformed', 'empty', Array(n / 5).fill('malformed').join()]);
  });
});

describe('latestStartMinute', () => {
  it('is the last start that still ends by midnight', () => {
    expect([1, 15, 30, 90, 1439, 1440].map(latestStartMinute)).toEqual([1439, 1425, 1410, 1350, 1, 0]);
    for (let d = MIN_DURATION_MINUTES; d <= MAX_DURATION_MINUTES; d++) expect(latestStartMinute(d) + d).toBe(24 * 60);
  });

  it('clamps durations outside 1..1440 so the answer is always a valid start minute', () => {
    expect([0, -30, 1441, 10_000].map(latestStartMinute)).toEqual([1439, 1439, 0, 0]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1.5])('rejects %d with a RangeError', (bad) => {
    expect(() => latestStartMinute(bad)).toThrow(RangeError);
  });
});
