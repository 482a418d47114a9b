// The last failed command: its message and, when it has one, the correlation id to copy.
import { useErrors } from '../stores/errors';
import { CopyButton } from './CopyButton';
import { CloseIcon } from './Icons';

export function ErrorToast() {
  const error = useErrors((s) => s.error);
  const clear = useErrors((s) => s.clear);
  if (!error) return null;
  return (
    <div className="toast" role="alert">
      <span className="toast-message">{error.message}</span>
      {error.correlationId && (
        <span className="toast-correlation">
          Ref <code>{error.correlationId}</code>
          <CopyButton text={error.correlationId} />
        </span>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={clear}>
        <CloseIcon />
      </button>
    </div>
  );
}
