// What the shell does with an error nothing else caught (a failed start, an unhandled
// rejection, an uncaught exception): write it to a log — the app's, or, when the app never got
// that far (an unwritable data directory), a fallback file — redacted, and describe the native
// dialog that names that file. The dialog itself is the Electron side's (electron/main.ts).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Logger } from '../log/logger';
import { redactor } from '../log/redact';
import { systemClock } from '../../../common/clock';

export interface FatalReport {
  title: string;
  message: string;
  detail: string;
  buttons: readonly ['Quit', 'Open log folder'];
  /** The log the error was written to, and its folder (for "Open log folder"). */
  logFile: string;
  logDir: string;
}

/** Where a crash is logged when the app's own log is not there (yet): the system's temp folder. */
export function fallbackLogFile(dir = tmpdir()): string {
  return join(dir, 'stint-crash.log');
}

/**
 * Logs `error` (what, where, its stack; redacted) to `logFile`, or to the fallback when that
 * cannot be written, and says what the dialog shows.
 */
export function reportFatal(error: unknown, where: string, logFile: string | null, now: () => Date = systemClock.now): FatalReport {
  const written = (file: string): boolean => {
    try {
      new Logger({ file, now }).write('error', 'shell', `fatal: ${where}`, { error });
      return existsSync(file);
    } catch {
      return false; // the folder cannot be created: try the next place
    }
  };
  const file = logFile && written(logFile) ? logFile : fallbackLogFile();
  if (file !== logFile) written(file);
  const why = redactor.redact(error instanceof Error ? error.message : String(error));
  return {
    title: 'Stint stopped',
    message: where === 'start' ? 'Stint could not start.' : where === 'load' ? 'Stint could not open its window.' : 'Stint ran into an error it cannot recover from.',
    detail: `${why}\n\nThe details are in ${file}. Quit, fix what it names (for example a data folder Stint cannot write), and start Stint again.`,
    buttons: ['Quit', 'Open log folder'],
    logFile: file,
    logDir: dirname(file),
  };
}
