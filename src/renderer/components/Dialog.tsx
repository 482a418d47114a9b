// A modal on the native <dialog>: focus moves in and is trapped, Escape closes, focus returns
// to where it was. `open` drives showModal()/close(). An error raised while it is open shows at
// its top (the page's toast would sit behind the modal, unseen).
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useErrors } from '../stores/errors';
import { ErrorNotice } from './ErrorToast';
import { CloseIcon } from './Icons';

interface Props {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
}

export function Dialog({ open, title, onClose, children, className }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const dialogId = useId();
  const error = useErrors((s) => (s.dialogId === dialogId ? s.error : null));
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element (the close button); a form names its
      // own starting field instead.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    useErrors.getState().modalOpened(dialogId);
    return () => useErrors.getState().modalClosed(dialogId);
  }, [open, dialogId]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handle = () => onCloseRef.current();
    dialog.addEventListener('close', handle);
    return () => dialog.removeEventListener('close', handle);
  }, []);

  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-labelledby={titleId}>
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
              <CloseIcon />
            </button>
          </header>
          {error && <ErrorNotice error={error} onDismiss={() => useErrors.getState().clear()} className="dialog-error" />}
          {children}
        </>
      )}
    </dialog>
  );
}
