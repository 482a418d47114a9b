// The last failed command, in the page: its message, and the correlation id behind "Details".
// While a modal dialog is open the toast waits (the dialog would cover it); errors raised in a
// dialog show inside it instead (<Dialog>).
import type { ErrorInfo } from '../../common/errors';
import { useErrors } from '../stores/errors';
import { RefDetails } from './CopyButton';
import { CloseIcon } from './Icons';

/** A failure in plain words, with its reference behind "Details" and an optional Dismiss. */
export function ErrorNotice({ error, onDismiss, className, id }: { error: ErrorInfo; onDismiss?: () => void; className?: string; id?: string }) {
  return (
    <div className={`error-notice ${className ?? ''}`} role="alert" id={id}>
      <div className="error-notice-text">
        <span className="error-message">{error.message}</span>
        {error.correlationId && <RefDetails correlationId={error.correlationId} />}
      </div>
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          <CloseIcon />
        </button>
      )}
    </div>
  );
}

export function ErrorToast() {
  const error = useErrors((s) => s.error);
  const inDialog = useErrors((s) => s.dialogId !== null || s.modals.length > 0);
  const clear = useErrors((s) => s.clear);
  if (!error || inDialog) return null;
  return <ErrorNotice error={error} onDismiss={clear} className="toast" />;
}
