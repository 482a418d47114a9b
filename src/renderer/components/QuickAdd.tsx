// Quick add: `Write report [1h30m]` creates a 90-minute local task in "Unscheduled".
import { useState, type FormEvent } from 'react';
import { useTasks } from '../stores/tasks';

export function QuickAdd() {
  const [text, setText] = useState('');
  const quickAdd = useTasks((s) => s.quickAdd);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await quickAdd(text)) setText('');
  }

  return (
    <form className="quick-add" onSubmit={submit} aria-label="Quick add">
      <label htmlFor="quick-add" className="visually-hidden">
        New task
      </label>
      <input id="quick-add" value={text} onChange={(e) => setText(e.target.value)} placeholder="Write report [1h30m]" autoComplete="off" />
      <button type="submit" className="button primary">
        Add
      </button>
    </form>
  );
}
