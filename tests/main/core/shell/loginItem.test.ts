import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyXdgPlan, HIDDEN_ARG, loginItemPlan, parseLaunchArgs, quoteExecArg, xdgAutostartEntry } from '../../../../src/main/core/shell/loginItem';
import { tempDir } from './temp';

describe('start at login', () => {
  it('uses Electron’s login item on macOS and Windows, starting hidden', () => {
    expect(loginItemPlan({ platform: 'darwin', enabled: true, execPath: '/Applications/Stint.app/Contents/MacOS/Stint' })).toEqual({ kind: 'electron', openAtLogin: true, args: [HIDDEN_ARG] });
    expect(loginItemPlan({ platform: 'win32', enabled: false, execPath: 'C:\\Stint\\Stint.exe', args: ['C:\\src'] })).toEqual({ kind: 'electron', openAtLogin: false, args: ['C:\\src', HIDDEN_ARG] });
  });

  it('writes an XDG autostart entry on Linux, naming the AppImage file rather than its mount', () => {
    const plan = loginItemPlan({ platform: 'linux', enabled: true, execPath: '/tmp/.mount_StintX/stint', appImage: '/home/a/Apps/Stint 1.0.AppImage', home: '/home/a' });
    expect(plan).toMatchObject({ kind: 'xdg', file: '/home/a/.config/autostart/stint.desktop' });
    expect((plan as { content: string }).content).toContain('Exec="/home/a/Apps/Stint 1.0.AppImage" --hidden\n');
    const dev = loginItemPlan({ platform: 'linux', enabled: true, execPath: '/repo/node_modules/electron/dist/electron', args: ['/repo'], configHome: '/xdg' });
    expect(dev).toMatchObject({ file: '/xdg/autostart/stint.desktop' });
    expect((dev as { content: string }).content).toContain('Exec=/repo/node_modules/electron/dist/electron /repo --hidden\n');
    expect(loginItemPlan({ platform: 'linux', enabled: false, execPath: '/x', home: '/h' })).toEqual({ kind: 'xdg', file: '/h/.config/autostart/stint.desktop', content: null });
    expect(loginItemPlan({ platform: 'aix', enabled: true, execPath: '/x' }).kind).toBe('unsupported');
  });

  it('quotes Exec arguments per the Desktop Entry Specification', () => {
    expect(quoteExecArg('/opt/Stint/stint')).toBe('/opt/Stint/stint');
    expect(quoteExecArg('/a b/c')).toBe('"/a b/c"');
    expect(quoteExecArg('/a"b')).toBe('"/a\\\\"b"');
    expect(quoteExecArg('/a$b`c')).toBe('"/a\\\\$b\\\\`c"');
    expect(quoteExecArg('/a\\b')).toBe('"/a\\\\\\\\b"');
    expect(quoteExecArg('/100%')).toBe('/100%%');
    expect(xdgAutostartEntry(['/x', HIDDEN_ARG])).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Stint\n/);
  });

  it('applies the XDG plan: writes the entry, then removes it', () => {
    const home = tempDir();
    const on = loginItemPlan({ platform: 'linux', enabled: true, execPath: '/opt/stint', home });
    applyXdgPlan(on as never);
    const file = join(home, '.config/autostart/stint.desktop');
    expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/stint --hidden');
    applyXdgPlan(loginItemPlan({ platform: 'linux', enabled: false, execPath: '/opt/stint', home }) as never);
    expect(existsSync(file)).toBe(false);
    applyXdgPlan(loginItemPlan({ platform: 'linux', enabled: false, execPath: '/opt/stint', home }) as never); // nothing to remove: fine
  });

  it('a login start is hidden; a normal start is not', () => {
    expect(parseLaunchArgs(['/opt/stint', HIDDEN_ARG])).toEqual({ hidden: true });
    expect(parseLaunchArgs(['/opt/stint'])).toEqual({ hidden: false });
  });
});
