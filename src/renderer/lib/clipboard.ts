// Copying text (a correlation id) to the clipboard. Without a usable clipboard in the page
// (e.g. a denied permission), main copies the diagnostics report instead, which carries the
// recent errors with their ids.
import { call } from './api';

export type CopyOutcome = 'copied' | 'diagnostics' | 'failed';

export async function copyText(text: string): Promise<CopyOutcome> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // expected: fall through to main's clipboard
  }
  try {
    const d = await call('app.copyDiagnostics');
    return d.copied ? 'diagnostics' : 'failed';
  } catch {
    return 'failed';
  }
}
