// Titles are text a person can read: one rule for every title, from any source (the planner,
// quick add, a dropped or synced source item), applied by main before storing and usable by the
// renderer for hints.
//
// - Removed: C0/C1 controls and DEL (a NUL was stored before), bidi embeddings, overrides and
//   isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C), the deprecated
//   format controls U+206A–U+206F, U+FEFF, the interlinear annotation marks and lone surrogates.
//   They are invisible or reorder the text around them, so a title could look like another.
// - Tabs, line breaks (CR, LF, VT, FF, NEL, U+2028/U+2029) become a single space together with
//   the spaces around them; so does a run of spaces a removed character sat in. Other runs of
//   spaces are kept as typed. The result is trimmed.
// - Kept: everything else, including emoji and their ZWJ sequences and variation selectors,
//   ZWNJ (needed by Persian and Indic scripts), combining marks, CJK, NBSP.
// - A result with no letter, digit, punctuation or symbol at all (only marks, joiners or
//   spaces) is '': no one could read it, so callers treat it as empty.
//
// Linear in the input: synced titles have no length cap.

/** Why main refuses a title that has characters but none a person can read. */
export const UNREADABLE_TITLE_MESSAGE = 'A task needs a title a person can read: this one has only invisible or control characters.';

const READABLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

type Kind = 'keep' | 'space' | 'break' | 'drop';

function kindOf(ch: string): Kind {
  const c = ch.codePointAt(0)!;
  if (c === 0x20) return 'space';
  if ((c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0x2028 || c === 0x2029) return 'break';
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return 'drop';
  if (c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x206f)) return 'drop';
  if (c === 0xfeff || (c >= 0xfff9 && c <= 0xfffb)) return 'drop';
  // for…of yields a paired surrogate as one code point, so a lone one is a single unit here.
  if (c >= 0xd800 && c <= 0xdfff) return 'drop';
  return 'keep';
}

/** The title as a person can read it (see the rules above); '' when nothing readable is left. */
export function cleanTitle(raw: string): string {
  let out = '';
  // The gap since the last kept character: its spaces, and whether it held a break or a
  // removed character.
  let spaces = '';
  let hadBreak = false;
  let hadRemoved = false;
  for (const ch of raw) {
    const kind = kindOf(ch);
    if (kind === 'keep') {
      // A removed character between two kept ones joins them ("a\u0000b" -> "ab"); next to
      // spaces it leaves one.
      if (out) out += hadBreak || (hadRemoved && spaces) ? ' ' : spaces;
      out += ch;
      spaces = '';
      hadBreak = hadRemoved = false;
    } else if (kind === 'space') spaces += ch;
    else if (kind === 'break') hadBreak = true;
    else hadRemoved = true;
  }
  const trimmed = out.trim();
  return READABLE.test(trimmed) ? trimmed : '';
}
