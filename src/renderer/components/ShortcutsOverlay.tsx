// The `?` overlay: every keyboard shortcut, from the same table the keys are matched against.
import { SHORTCUT_GROUPS } from '../lib/shortcuts';
import { useUi } from '../stores/ui';
import { Dialog } from './Dialog';

export function ShortcutsOverlay() {
  const open = useUi((s) => s.overlay === 'shortcuts');
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={() => useUi.getState().setOverlay(null)} className="shortcuts-dialog">
      <div className="dialog-body shortcuts">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.keys.map(([keys, what]) => (
                <div key={keys} className="shortcut-row">
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
