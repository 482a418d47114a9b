// "Deleted “Write report” — Undo": what the last delete, move or completion did, with Undo.
// It stays a few seconds (longer while the pointer or focus is on it).
import { useEffect, useRef, useState } from 'react';
import { useHistory } from '../stores/history';
import { useUi } from '../stores/ui';
import { CloseIcon } from './Icons';

const SHOW_MS = 8_000;

export function UndoNotice() {
  const notice = useUi((s) => s.notice);
  const [held, setHeld] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  // A new message starts its own time (the last one may have gone while the pointer was on it).
  useEffect(() => setHeld(false), [notice?.id]);
  useEffect(() => {
    if (!notice || held) return;
    const id = window.setTimeout(() => useUi.getState().dismissNotice(), SHOW_MS);
    return () => window.clearTimeout(id);
  }, [notice, held]);

  if (!notice) return null;
  const undo = async () => {
    const ui = useUi.getState();
    ui.dismissNotice();
    await useHistory.getState().undo();
    if (notice.entryId) ui.keepFocus(notice.entryId);
  };
  return (
    <div
      ref={ref}
      className="undo-notice"
      role="status"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span className="undo-notice-message">{notice.message}</span>
      {notice.undo && (
        <button type="button" className="link-button" aria-label={`Undo: ${notice.message}`} onClick={() => void undo()}>
          Undo
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => useUi.getState().dismissNotice()}>
        <CloseIcon />
      </button>
    </div>
  );
}
