/** Chat: not built yet; it arrives with "Ask your memory" (answers with citations from the library). */
import { PlaceholderScreen } from '../../components/Placeholder';

export default function ChatScreen() {
  return (
    <PlaceholderScreen title="Chat" icon="◌" coming="Ask your memory">
      <p>
        You will be able to ask questions and get answers drawn from your own notes, each with the passages it came
        from. Only items whose AI setting allows answers will be read. For now, Search finds things by keyword and
        by meaning.
      </p>
    </PlaceholderScreen>
  );
}
