// What typed title text will become, checked while typing: the title and minutes main will
// store, a hint for each bracket that looks like a duration but is not one, and the note when
// a duration limits where the block can start (entries end by midnight).
import { durationHints, formatMinutes, latestStartMinute, parseTitleDuration, type DurationHint } from '../../common/duration';
import { cleanTitle } from '../../common/titleText';

export interface TitleCheck {
  /** The title as it will be stored ('' when there is none). */
  title: string;
  minutes: number | null;
  hints: DurationHint[];
  /** Why nothing can be saved yet (an empty box, a duration with no title). */
  problem: string | null;
  /** "A 20h block must start by 4:00 AM: entries end by midnight." */
  placement: string | null;
}

export function checkTitle(text: string, workdayStartMinute: number, clock: (minute: number) => string): TitleCheck {
  const parsed = parseTitleDuration(text);
  const title = cleanTitle(parsed.title);
  const hints = durationHints(text);
  let problem: string | null = null;
  if (!text.trim()) problem = 'Type a title, with a duration in brackets if you like: Write report [1h30m]';
  else if (!title && parsed.minutes !== null) problem = `Add a title before the duration: Write report [${formatMinutes(parsed.minutes).replace(' ', '')}]`;
  else if (!title && hints.length === 0) problem = 'A title needs letters or digits a person can read.';
  let placement: string | null = null;
  if (parsed.minutes !== null) {
    const latest = latestStartMinute(parsed.minutes);
    if (latest < workdayStartMinute) {
      placement =
        latest === 0
          ? `A ${formatMinutes(parsed.minutes)} block fills the day: it can only start at ${clock(0)}.`
          : `A ${formatMinutes(parsed.minutes)} block must start by ${clock(latest)}: entries end by midnight.`;
    }
  }
  return { title, minutes: parsed.minutes, hints, problem, placement };
}
