import { useEffect, useState, type FormEvent } from 'react';
import { formatMinutes } from '../common/duration';
import { on } from './lib/api';
import { usePlanner } from './store';

/** A minimal planner page: quick add and the task list. The week calendar replaces it. */
export function App() {
  const { tasks, error, load, quickAdd, toggleDone } = usePlanner();
  const [title, setTitle] = useState('');

  useEffect(() => {
    void load();
    return on('planner.changed', () => void load());
  }, [load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await quickAdd(title)) setTitle('');
  }

  return (
    <main>
      <h1>Stint</h1>
      <form onSubmit={submit} aria-label="Quick add">
        <label htmlFor="quick-add">New task</label>
        <input id="quick-add" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Write report [1h30m]" />
        <button type="submit">Add</button>
      </form>
      {error && (
        <p role="alert">
          {error.message}
          {error.correlationId ? ` (${error.correlationId})` : ''}
        </p>
      )}
      <ul aria-label="Tasks">
        {tasks.map((t) => (
          <li key={t.id} data-task-id={t.id}>
            <input type="checkbox" aria-label={`Done: ${t.title}`} checked={t.status === 'done'} onChange={() => void toggleDone(t)} />
            <span className="task-title">{t.title}</span>
            {t.scheduledMinutes !== null && <span className="task-duration"> {formatMinutes(t.scheduledMinutes)}</span>}
          </li>
        ))}
      </ul>
    </main>
  );
}
