/** The tray (menubar) icon and the application menu. */
import path from 'node:path';
import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { showRoute } from './navigation';

export interface ShellActions {
  window: () => BrowserWindow;
  quickNote: () => void;
}

/**
 * Asks the renderer's import to open the file picker or the voice recorder. Sent as a window event with a
 * user gesture, which a file picker needs to open (the renderer listens in components/import).
 */
function importCommand(actions: ShellActions, what: 'pick' | 'voice'): void {
  const win = actions.window();
  win.show();
  void win.webContents.executeJavaScript(`window.dispatchEvent(new CustomEvent('engram:import', { detail: ${JSON.stringify(what)} }))`, true);
}

export function createTray(resources: string, actions: ShellActions): Tray {
  const icon = nativeImage.createFromPath(path.join(resources, 'icons', 'tray.png'));
  const tray = new Tray(icon);
  tray.setToolTip('Engram');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Engram', click: () => showRoute(actions.window(), '#/notes') },
      { label: 'Quick note', accelerator: 'CommandOrControl+Shift+Space', click: actions.quickNote },
      { type: 'separator' },
      // Screen and camera capture arrive with the capture sources; until then there is nothing to pause.
      { label: 'Pause capture', type: 'checkbox', enabled: false },
      { type: 'separator' },
      { label: 'Quit Engram', role: 'quit' },
    ]),
  );
  tray.on('click', () => showRoute(actions.window(), '#/notes'));
  return tray;
}

export function applicationMenu(actions: ShellActions): Menu {
  const go = (label: string, hash: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => showRoute(actions.window(), hash),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Quick note', accelerator: 'CommandOrControl+Shift+Space', click: actions.quickNote },
        { label: 'Add files…', accelerator: 'CommandOrControl+O', click: () => importCommand(actions, 'pick') },
        { label: 'Record voice note', accelerator: 'CommandOrControl+Shift+R', click: () => importCommand(actions, 'voice') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Go',
      submenu: [
        go('Journal', '#/journal', 'CommandOrControl+J'),
        go('Notes', '#/notes', 'CommandOrControl+1'),
        go('Search', '#/search', 'CommandOrControl+Shift+F'),
        go('Timeline', '#/timeline', 'CommandOrControl+2'),
        go('Dashboard', '#/dashboard'),
        go('Stats', '#/stats'),
        go('Settings', '#/settings', 'CommandOrControl+,'),
        go('Trash', '#/trash'),
      ],
    },
    // The stock View menu, minus Force Reload, whose Ctrl/⌘+Shift+R records a voice note here.
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `Engram ${app.getVersion()}`, enabled: false }] },
  ];
  return Menu.buildFromTemplate(template);
}
