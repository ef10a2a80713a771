/** Moves the renderer to a route (its hash), for the tray, menus, shortcuts and deep links. */
import type { BrowserWindow } from 'electron';

export function showRoute(win: BrowserWindow, hash: string): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  void win.webContents.executeJavaScript(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** `engram://node/<id>` → `#/notes/<id>`; anything else is ignored. */
export function routeForDeepLink(url: string): string | null {
  const m = /^engram:\/\/node\/([A-Za-z0-9][A-Za-z0-9_.:-]{0,127})\/?$/.exec(url);
  return m ? `#/notes/${m[1]}` : null;
}
