/**
 * Settings only the desktop app has (they need Electron): starting at login. In web mode the handler does not
 * exist, so the section does not show.
 */
import { useCall } from '../../client/queries';
import { useAction } from '../../client/actions';

export function DesktopSettings() {
  const run = useAction();
  const login = useCall<{ enabled: boolean }>('desktop.openAtLogin', {}, { retry: false });
  if (!login.isSuccess) return null;
  return (
    <section className="card stack" aria-labelledby="settings-desktop">
      <h2 id="settings-desktop">Desktop</h2>
      <label className="row">
        <input
          type="checkbox"
          checked={login.data.enabled}
          onChange={(e) =>
            void run('desktop.openAtLogin', { enabled: e.currentTarget.checked }, {
              invalidates: ['desktop.openAtLogin'],
              failure: 'Could not change whether Engram opens at login',
            })
          }
        />
        Open Engram when I log in (it starts in the tray, ready for Ctrl/⌘+Shift+Space quick notes)
      </label>
    </section>
  );
}
