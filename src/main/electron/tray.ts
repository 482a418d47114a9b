// Renders core's tray view (menu items, icon state, tooltip) with Electron's Tray and Menu.
// The decisions (what the menu holds, which icon) are made in core; clicks go back to core.
import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TrayView } from '../core/shell/trayView';
import { trayIconFile } from '../core/shell/trayView';
import type { TrayAction, TrayItem } from '../core/tray/menuModel';

export function menuTemplate(items: readonly TrayItem[], onAction: (id: TrayAction, target?: string) => void): MenuItemConstructorOptions[] {
  return items.map((i): MenuItemConstructorOptions => {
    switch (i.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: i.text, enabled: false };
      case 'checkbox':
        return { type: 'checkbox', label: i.label, checked: i.checked, click: () => onAction(i.id) };
      case 'action':
        return { label: i.label, enabled: i.enabled, click: () => onAction(i.id, i.target) };
    }
  });
}

export class TrayPresenter {
  private tray: Tray | null = null;
  private last: TrayView | null = null;

  constructor(
    private readonly resourcesDir: string,
    private readonly onAction: (id: TrayAction, target?: string) => void,
    private readonly onClick: () => void,
  ) {
    // A light/dark switch changes the icon set, not the view: redraw the last view.
    nativeTheme.on('updated', () => {
      if (this.last) this.render(this.last);
    });
  }

  render(view: TrayView): void {
    this.last = view;
    const image = nativeImage.createFromPath(trayIconFile(this.resourcesDir, view.icon, nativeTheme.shouldUseDarkColors));
    if (!this.tray) {
      this.tray = new Tray(image);
      // Windows and some Linux trays: a left click opens the window; the menu is on right click.
      this.tray.on('click', () => this.onClick());
    } else {
      this.tray.setImage(image);
    }
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(view.menu, this.onAction)));
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}
