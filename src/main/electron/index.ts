/**
 * The Electron entry: one instance, one window with remembered bounds, a tray icon, a global quick-note
 * shortcut, native menus, `engram://` deep links, and the engine on the user-data folder served over IPC.
 * Kept thin; everything testable lives in the engine.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, globalShortcut, Menu, shell, type Tray } from 'electron';
import { Engine } from '../engine/engine';
import { registry } from '../engine/registry';
import { desktopHandlers } from './desktop-handlers';
import { serveIpc } from './ipc';
import { applicationMenu, createTray, type ShellActions } from './menus';
import { routeForDeepLink, showRoute } from './navigation';
import { SecretStore } from './secrets';
import { registerMediaScheme, serveMediaProtocol } from './media-protocol';
import { loadWindowState, trackWindowState } from './window-state';

const here = path.dirname(fileURLToPath(import.meta.url));
const resources = app.isPackaged ? process.resourcesPath : path.join(here, '../../resources');
const QUICK_NOTE_SHORTCUT = 'CommandOrControl+Shift+Space';

let window: BrowserWindow | undefined;
let tray: Tray | undefined;
let engine: Engine | undefined;
/** A deep link that arrived before the window existed. */
let pendingRoute: string | null = null;

function createWindow(): BrowserWindow {
  const state = loadWindowState(app.getPath('userData'));
  const win = new BrowserWindow({
    ...state.bounds,
    show: false,
    icon: path.join(resources, 'icons', 'icon.png'),
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, app.getPath('userData'));
  win.once('ready-to-show', () => win.show());
  // Links open in the user's browser; the window itself never navigates away from the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.once('did-finish-load', () => {
    if (pendingRoute) showRoute(win, pendingRoute);
    pendingRoute = null;
  });
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(path.join(here, '../renderer/index.html'));
  return win;
}

function mainWindow(): BrowserWindow {
  if (!window || window.isDestroyed()) window = createWindow();
  return window;
}

function openDeepLink(url: string): void {
  const route = routeForDeepLink(url);
  if (!route) return;
  if (window && !window.webContents.isLoading()) showRoute(window, route);
  else pendingRoute = route;
}

/** A new empty note, opened in the editor: capture first, organise later. */
function quickNote(): void {
  if (!engine) return;
  const note = engine.nodes.create({ kind: 'note', title: '' });
  showRoute(mainWindow(), `#/notes/${note.id}`);
}

registerMediaScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAsDefaultProtocolClient('engram');
  // Windows and Linux deliver deep links as arguments to a second launch; macOS as open-url.
  app.on('second-instance', (_e, argv) => {
    const link = argv.find((a) => a.startsWith('engram://'));
    if (link) openDeepLink(link);
    else showRoute(mainWindow(), '#/notes');
  });
  app.on('open-url', (e, url) => {
    e.preventDefault();
    openDeepLink(url);
  });

  void app.whenReady().then(async () => {
    engine = await Engine.open({ library: process.env.ENGRAM_HOME ?? path.join(app.getPath('userData'), 'library'), pipeline: true });
    serveMediaProtocol(engine);
    const secrets = new SecretStore(app.getPath('userData'));
    serveIpc(engine, { ...registry, ...desktopHandlers(secrets) }, () => window?.webContents);
    const actions: ShellActions = { window: mainWindow, quickNote };
    Menu.setApplicationMenu(applicationMenu(actions));
    tray = createTray(resources, actions);
    if (!globalShortcut.register(QUICK_NOTE_SHORTCUT, quickNote)) {
      engine.events.emit('engine.warning', { message: `The quick-note shortcut ${QUICK_NOTE_SHORTCUT} is taken by another app` });
    }
    const link = process.argv.find((a) => a.startsWith('engram://'));
    if (link) pendingRoute = routeForDeepLink(link);
    mainWindow();
    app.on('activate', () => mainWindow().show());
  });

  // Closing the window keeps Engram in the tray; Quit (menu, tray or Cmd+Q) ends it.
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  let closing = false;
  app.on('before-quit', (e) => {
    if (closing || !engine) return;
    // Close the library first so the last writes are checkpointed, then really quit.
    e.preventDefault();
    closing = true;
    globalShortcut.unregisterAll();
    void engine.close().finally(() => app.quit());
  });
}
