// The command palette (Ctrl/Cmd+K): type a few letters of any action, ↑/↓ to choose, Enter to
// run it.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { matchCommands, paletteCommands, type Command } from '../lib/commands';
import { useUi } from '../stores/ui';
import { Dialog } from './Dialog';

export function CommandPalette() {
  const open = useUi((s) => s.overlay === 'palette');
  const close = () => useUi.getState().setOverlay(null);
  return (
    <Dialog open={open} title="Commands" onClose={close} className="palette-dialog">
      {open && <Palette onClose={close} />}
    </Dialog>
  );
}

function Palette({ onClose }: { onClose(): void }) {
  // The list is taken when the palette opens: the selected entry's actions come first.
  const commands = useMemo(() => paletteCommands(), []);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = matchCommands(commands, query);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    // After the dialog has given the focus back, so the command's own focus move wins.
    requestAnimationFrame(() => command.run());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(1, shown.length));
    else if (e.key === 'ArrowUp') setActive((current - 1 + shown.length) % Math.max(1, shown.length));
    else if (e.key === 'Enter') run(shown[current]);
    else return;
    e.preventDefault();
  };

  return (
    <div className="dialog-body palette">
      <input
        data-autofocus
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[current] ? `${listId}-${shown[current].id}` : undefined}
        aria-label="Search commands"
        placeholder="Type a command…"
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="palette-list">
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${c.id}`}
            role="option"
            aria-selected={i === current}
            className="palette-item"
            onMouseEnter={() => setActive(i)}
            onClick={() => run(c)}
          >
            <span>{c.label}</span>
            {c.keys && <kbd>{c.keys}</kbd>}
          </li>
        ))}
        {shown.length === 0 && <li className="palette-empty">No command matches.</li>}
      </ul>
    </div>
  );
}
