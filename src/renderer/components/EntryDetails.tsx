// An entry's details (click an entry, or Enter on it): title, when, project, notes, where it
// came from (with "Open in Hubstaff"), tracked time, and whether Hubstaff hears of changes.
import { formatMinutes } from '../../common/duration';
import { providerLabel } from '../../common/providers';
import { deleteEntry, duplicateEntry, editEntry, entryTimes, focusEntry, openSource, sourceActionLabel, toggleDone } from '../lib/entryActions';
import { longDate } from '../lib/time';
import { useTracked } from '../stores/tracked';
import { useUi } from '../stores/ui';
import { useWeek } from '../stores/week';
import { Dialog } from './Dialog';

export function EntryDetails() {
  const id = useUi((s) => s.detailsEntryId);
  const entry = useWeek((s) => (id ? s.week?.entries.find((e) => e.id === id) : undefined));
  const tracked = useTracked((s) => (entry && s.available && entry.task.source ? (s.trackedByTask[entry.task.id] ?? 0) : null));
  // Back on the entry when closed, also when a click (which does not focus it) opened the panel.
  const close = () => {
    useUi.getState().openDetails(null);
    requestAnimationFrame(() => {
      if (id && (document.activeElement === document.body || !document.activeElement?.isConnected)) focusEntry(id);
    });
  };
  // After the dialog has handed the focus back to the entry, so a rename's field keeps it.
  const closeAnd = (fn: () => void) => {
    close();
    requestAnimationFrame(fn);
  };

  return (
    <Dialog open={!!entry} title="Entry details" onClose={close} className="details-dialog">
      {entry && (
        <div className="dialog-body details">
          <p className={`details-title${entry.task.status === 'done' ? ' is-done' : ''}`}>{entry.task.title}</p>
          <dl className="details-list">
            <dt>When</dt>
            <dd>
              {longDate(entry.date)}, {entryTimes(entry)} ({formatMinutes(entry.durationMinutes)})
            </dd>
            <dt>Status</dt>
            <dd>{entry.task.status === 'done' ? 'Done' : 'Not done'}</dd>
            <dt>Project</dt>
            <dd>{entry.task.projectLabel ?? 'None'}</dd>
            <dt>Source</dt>
            <dd>
              {entry.task.source
                ? `${providerLabel(entry.task.source.provider)} item${entry.task.sourceRemoved ? ' (no longer in ' + providerLabel(entry.task.source.provider) + ')' : ''}`
                : 'Made in Stint'}
            </dd>
            {tracked !== null && (
              <>
                <dt>Tracked</dt>
                <dd>{formatMinutes(tracked)} on this to-do this week</dd>
              </>
            )}
            <dt>Notes</dt>
            <dd className={entry.task.notes ? 'details-notes' : 'is-muted'}>{entry.task.notes || 'No notes'}</dd>
            {entry.task.source && (
              <>
                <dt>Sync</dt>
                <dd className="is-muted">Kept in Stint: completing or logging time does not change {providerLabel(entry.task.source.provider)} yet.</dd>
              </>
            )}
          </dl>
          <footer className="dialog-footer details-actions">
            <button type="button" className="button danger" onClick={() => closeAnd(() => void deleteEntry(entry.id))}>
              Delete
            </button>
            <span className="spacer" />
            {sourceActionLabel(entry) && (
              <button type="button" className="button" onClick={() => void openSource(entry.id)}>
                {sourceActionLabel(entry)}
              </button>
            )}
            <button type="button" className="button" onClick={() => closeAnd(() => void duplicateEntry(entry.id))}>
              Duplicate
            </button>
            <button type="button" className="button" onClick={() => closeAnd(() => editEntry(entry.id))}>
              Rename
            </button>
            <button type="button" className="button primary" data-autofocus onClick={() => closeAnd(() => void toggleDone(entry.id))}>
              {entry.task.status === 'done' ? 'Mark not done' : 'Mark done'}
            </button>
          </footer>
        </div>
      )}
    </Dialog>
  );
}
