/** Timeline: not built yet; it needs the media pipeline (photos, audio, screenshots) to have something to show. */
import { PlaceholderScreen } from '../../components/Placeholder';

export default function TimelineScreen() {
  return (
    <PlaceholderScreen title="Timeline" icon="◷" coming="the media pipeline">
      <p>
        Once photos, audio, screenshots and camera frames come into the library, they will line up here by when they
        happened, next to your notes and journal. Until then, notes are in Notes and your days are in Journal.
      </p>
    </PlaceholderScreen>
  );
}
