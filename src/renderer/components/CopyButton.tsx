// "Copy" for a correlation id; says what it did for a moment. And the "Details" disclosure that
// keeps the id out of the way of the message but one click from being copied.
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

/** A correlation id behind "Details": what support asks for, not what the person needs to read. */
export function RefDetails({ correlationId }: { correlationId: string }) {
  return (
    <details className="error-details">
      <summary>Details</summary>
      <span className="error-ref">
        Reference <code>{correlationId}</code> <CopyButton text={correlationId} />
      </span>
    </details>
  );
}
