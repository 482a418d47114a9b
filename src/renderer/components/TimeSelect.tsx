// A time of day picked from a list (every 15 minutes), worded in the window's time format.
// Replaces <input type="time">, whose display follows Chromium's locale, not the setting.
import type { SelectHTMLAttributes } from 'react';
import { clockChoices, useHour12 } from '../lib/clockFormat';
import { SNAP_MINUTES } from '../lib/time';

interface Props extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> {
  /** Minutes after midnight; a value off the step is offered too, so it shows as it is. */
  value: number;
  onChange(minute: number): void;
  /** Earliest and latest times offered (default: the whole day). */
  first?: number;
  last?: number;
  step?: number;
  /** The clock to word times on, when it is not the saved setting (Settings previews its own choice). */
  hour12?: boolean;
}

export function TimeSelect({ value, onChange, first, last, step = SNAP_MINUTES, hour12, ...rest }: Props) {
  const saved = useHour12();
  const choices = clockChoices(hour12 ?? saved, { first, last, step, keep: value });
  return (
    <select {...rest} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {choices.map((c) => (
        <option key={c.minute} value={c.minute}>
          {c.label}
        </option>
      ))}
    </select>
  );
}
