// Shows the notifications core's policy decided on; a click goes back to core.
import { Notification } from 'electron';
import type { ShellNotification } from '../core/shell/notificationPolicy';

export class Notifier {
  // Held until closed: a notification that is garbage-collected loses its click handler.
  private readonly live = new Set<Notification>();

  constructor(
    private readonly icon: string,
    private readonly onClick: (n: ShellNotification) => void,
  ) {}

  show(n: ShellNotification): void {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title: n.title, body: n.body, icon: this.icon });
    this.live.add(note);
    note.on('click', () => this.onClick(n));
    note.on('close', () => this.live.delete(note));
    note.show();
  }
}
