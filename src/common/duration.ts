// Title duration syntax (DESIGN §2): "Write report [1h30m]" plans 90 minutes for "Write report".
//
// Rules, including the edge cases the design leaves open:
// - A duration group is a bracket pair holding `<n>h`, `<n>m` or `<n>h<n>m` (h before m),
//   case-insensitive, with optional whitespace around and between the parts: `[ 1h 30m ]`.
//   The number and its unit must touch (`[1 h]` is not a duration). Digits are ASCII only.
// - Leading zeros are fine (`[01h]` = 60, `[0h30m]` = 30), and minutes may exceed 59 next to
//   hours (`[1h90m]` = 150): only the total counts. Totals outside 1..1440 (`[0m]`, `[25h]`,
//   `[99999999999m]`) are not durations and stay in the title; numbers are compared as
//   doubles, so huge digit strings grow towards Infinity and never wrap into range.
// - Brackets are matched like parentheses. A group nested inside another pair (`[[1h]]`,
//   `[1[30m]h]`) is part of that literal text and stays, so removing groups can never make a
//   new one appear and parsing is idempotent. An unmatched `[` or `]` encloses nothing.
// - Several duration groups: the last one sets the minutes and all of them are removed.
// - A removed group and the whitespace around it (and around any groups next to it) become one
//   space, or nothing if the group touched text on both sides (`a[1h]b` -> `ab`). Everything
//   else is kept as typed, except that the result is always trimmed.
// - The title may come back empty (`[1h]` -> ''); callers decide whether that is allowed.
// Main cleans a title (titleText.ts) before parsing it; cleaning never adds or removes brackets.

import { cleanTitle } from './titleText';

export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 1440;

// Anchored to one bracket body; [hH]/[mM] instead of the i flag so no Unicode case folding
// can sneak other letters in.
const DURATION_BODY = /^\s*(?:(\d+)[hH](?:\s*(\d+)[mM])?|(\d+)[mM])\s*$/;
const WHITESPACE = /\s/;

interface Span {
  start: number; // index of '['
  end: number; // index after ']'
  minutes: number;
}

export function parseTitleDuration(title: string): { title: string; minutes: number | null } {
  const groups = topLevelPairs(title).flatMap((pair) => {
    const minutes = durationOf(title.slice(pair.start + 1, pair.end - 1));
    return minutes === null ? [] : [{ ...pair, minutes }];
  });
  const last = groups.at(-1);
  return { title: removeSpans(title, groups), minutes: last ? last.minutes : null };
}

/** Why a bracket group that looks like a duration is not one. */
export type DurationHintKind = 'too_long' | 'too_short' | 'malformed' | 'empty';

export interface DurationHint {
  /** What is inside the brackets, as typed. */
  text: string;
  /** The whole group as typed, brackets included: `[1h 30]`. */
  bracket: string;
  /** One plain sentence for the person typing: "[99h] can't be planned: up to [24h]". */
  message: string;
  kind: DurationHintKind;
  /** Where the group sits in the title passed in: title.slice(start, end) === bracket. */
  start: number;
  end: number;
}

// Bodies that look like an attempt at a duration: digits with only unit words (h, hr, hours,
// m, min, minutes…, glued or not), spaces and number punctuation around them, or a bare
// number or h:mm. Anything with another word (`[JIRA-12]`, `[v2]`) or no digit (`[WIP]`) is
// not an attempt.
const ATTEMPT_CHARS = /^[\s\d.,:+\-a-zA-Z]*$/;
const UNIT_WORD = /^(?:h|hrs?|hours?|m|mins?|minutes?)+$/i;
const BARE_NUMBER = /^\s*(?:\d+(?:[.,]\d+)?|\d+:\d\d)\s*$/;
const HINT_SHOWN_MAX = 24;

/**
 * A hint for each top-level bracket group of `title` that looks like an attempted duration but
 * is not a valid one, in order (none for valid groups, and none for groups that are clearly
 * something else, like `[WIP]` or `[JIRA-12]`). Pure and cheap: meant to run on every keystroke.
 * Groups are judged as main will see them, after cleanTitle, so `[1h\u200e]` gets no hint.
 */
export function durationHints(title: string): DurationHint[] {
  return topLevelPairs(title).flatMap(({ start, end }) => {
    const bracket = title.slice(start, end);
    const text = bracket.slice(1, -1);
    const body = cleanTitle(text);
    if (durationOf(body) !== null) return [];
    const kind = hintKind(body);
    if (!kind) return [];
    const shown = cleanTitle(bracket) === bracket ? bracket : `[${body}]`;
    return [{ text, bracket, message: hintMessage(kind, shorten(shown)), kind, start, end }];
  });
}

function hintKind(body: string): DurationHintKind | null {
  if (!body) return 'empty'; // nothing a person can read, `[ ]` included
  const total = totalOf(body);
  if (total !== null) return total < MIN_DURATION_MINUTES ? 'too_short' : 'too_long';
  if (!/\d/.test(body)) return null;
  if (BARE_NUMBER.test(body)) return 'malformed';
  if (!ATTEMPT_CHARS.test(body)) return null;
  const words = body.match(/[a-z]+/gi) ?? [];
  return words.length > 0 && words.every((w) => UNIT_WORD.test(w)) ? 'malformed' : null;
}

function hintMessage(kind: DurationHintKind, shown: string): string {
  switch (kind) {
    case 'too_long':
      return `${shown} can't be planned: up to [${MAX_DURATION_MINUTES / 60}h]`;
    case 'too_short':
      return `${shown} is too short: at least [${MIN_DURATION_MINUTES}m]`;
    case 'malformed':
      return `${shown} isn't a duration: write it like [1h30m]`;
    case 'empty':
      return `${shown} is empty: write a duration like [45m], or remove it`;
  }
}

/** A long group is cut in the message (the hint sits beside the field): `[99999…]`. */
function shorten(bracket: string): string {
  const chars = [...bracket];
  return chars.length <= HINT_SHOWN_MAX ? bracket : `${chars.slice(0, HINT_SHOWN_MAX - 2).join('')}…]`;
}

/**
 * The latest minute of the day an entry of `durationMinutes` can start at: it must end by
 * midnight (1440 - duration). Durations outside 1..1440 are clamped into it first, so the answer
 * is always a valid start minute (0..1439).
 */
export function latestStartMinute(durationMinutes: number): number {
  if (!Number.isSafeInteger(durationMinutes)) {
    throw new RangeError(`latestStartMinute expects a whole number of minutes, got ${durationMinutes}`);
  }
  const duration = Math.min(MAX_DURATION_MINUTES, Math.max(MIN_DURATION_MINUTES, durationMinutes));
  return MAX_DURATION_MINUTES - duration;
}

export function formatMinutes(minutes: number): string {
  if (!Number.isSafeInteger(minutes)) {
    throw new RangeError(`formatMinutes expects a whole number of minutes, got ${minutes}`);
  }
  // Negative values (e.g. "under plan by") keep the same shape behind a minus sign.
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  if (hours === 0) return `${sign}${rest}m`;
  return rest === 0 ? `${sign}${hours}h` : `${sign}${hours}h ${rest}m`;
}

function durationOf(body: string): number | null {
  const total = totalOf(body);
  return total !== null && total >= MIN_DURATION_MINUTES && total <= MAX_DURATION_MINUTES ? total : null;
}

/** The minutes a well-formed body says, in range or not; null when it is not well-formed. */
function totalOf(body: string): number | null {
  const match = DURATION_BODY.exec(body);
  if (!match) return null;
  const [, hours, minutesAfterHours, minutesAlone] = match;
  return Number(hours ?? 0) * 60 + Number(minutesAfterHours ?? minutesAlone ?? 0);
}

/** Matched bracket pairs not enclosed by another matched pair, in order. */
function topLevelPairs(text: string): { start: number; end: number }[] {
  const openers: number[] = [];
  const pairs: { start: number; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[') openers.push(i);
    else if (ch === ']') {
      const start = openers.pop();
      if (start !== undefined) pairs.push({ start, end: i + 1 });
    }
  }
  // Pairs nest properly, so after sorting by start a pair is enclosed exactly when it starts
  // inside the previous top-level one.
  pairs.sort((a, b) => a.start - b.start);
  const top: { start: number; end: number }[] = [];
  for (const pair of pairs) {
    const previous = top.at(-1);
    if (!previous || pair.start >= previous.end) top.push(pair);
  }
  return top;
}

function removeSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let cursor = 0;
  for (let i = 0; i < spans.length; i++) {
    const first = spans[i]!;
    let start = first.start;
    while (start > cursor && WHITESPACE.test(text[start - 1]!)) start--;
    let end = first.end;
    let removedLength = first.end - first.start;
    // Swallow following whitespace and any group right after it into the same run.
    for (;;) {
      let next = end;
      while (next < text.length && WHITESPACE.test(text[next]!)) next++;
      const following = spans[i + 1];
      if (following && following.start === next) {
        removedLength += following.end - following.start;
        end = following.end;
        i++;
      } else {
        end = next;
        break;
      }
    }
    const hadWhitespace = end - start > removedLength;
    out += text.slice(cursor, start) + (hadWhitespace ? ' ' : '');
    cursor = end;
  }
  return (out + text.slice(cursor)).trim();
}
