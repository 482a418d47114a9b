// The desktop surface of the shell controller, recorded: what was rendered, raised and shown.
import type { ShellUi } from '../../../../src/main/core/shell/controller';
import type { ShellNotification } from '../../../../src/main/core/shell/notificationPolicy';
import type { TrayView } from '../../../../src/main/core/shell/trayView';

export class RecordingUi implements ShellUi {
  views: TrayView[] = [];
  notes: ShellNotification[] = [];
  shown = 0;
  quits = 0;
  renderTray(v: TrayView) {
    this.views.push(v);
  }
  notify(n: ShellNotification) {
    this.notes.push(n);
  }
  showWindow() {
    this.shown++;
  }
  quit() {
    this.quits++;
  }
  get last(): TrayView {
    return this.views.at(-1)!;
  }
  labels(): string[] {
    return this.last.menu.map((i) => (i.kind === 'label' ? i.text : i.kind === 'separator' ? '---' : i.label));
  }
}
