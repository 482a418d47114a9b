// "Copy" for a correlation id; says what it did for a moment.
import { useState } from 'react';
import { copyText, type CopyOutcome } from '../lib/clipboard';

const LABEL: Record<CopyOutcome, string> = { copied: 'Copied', diagnostics: 'Copied diagnostics', failed: 'Copy failed' };

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  async function copy() {
    setOutcome(await copyText(text));
    window.setTimeout(() => setOutcome(null), 2000);
  }
  return (
    <button type="button" className="link-button" onClick={() => void copy()} aria-label={`${label} reference ${text}`}>
      <span aria-live="polite">{outcome ? LABEL[outcome] : label}</span>
    </button>
  );
}
