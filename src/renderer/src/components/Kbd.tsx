/** A keyboard shortcut as the platform writes it: `<Kbd keys={['Mod', 'K']} />` shows ⌘K or Ctrl K. */
import { keyLabel } from './keys';

export function Kbd({ keys }: { keys: string[] }) {
  return (
    <span className="kbd-group">
      {keys.map((k) => (
        <kbd key={k} className="kbd">
          {keyLabel(k)}
        </kbd>
      ))}
    </span>
  );
}
