/** Remembers the main window's bounds between runs, in a small JSON file beside (not inside) the library. */
import fs from 'node:fs';
import path from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1200, height: 800 }, maximized: false };

export function loadWindowState(dir: string): WindowState {
  try {
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'window-state.json'), 'utf8')) as WindowState;
    // A display that has gone away would leave the window off-screen: fall back to the default then.
    const visible = screen.getAllDisplays().some((d) => rectanglesOverlap(d.workArea, state.bounds));
    return visible ? state : DEFAULT;
  } catch {
    return DEFAULT;
  }
}

export function trackWindowState(win: BrowserWindow, dir: string): void {
  const save = () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    fs.writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify(state));
  };
  win.on('close', save);
}

function rectanglesOverlap(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
