/** The side panel: this session's searches to go back to, and examples of what search understands. */
const PROMPTS = ['notes from last week', 'what did I write yesterday', 'ideas in March', 'journal entries this month'];

export function SearchSide({ recent, onPick, onClear }: { recent: string[]; onPick: (q: string) => void; onClear: () => void }) {
  return (
    <aside className="search-side" aria-label="Recent searches and examples">
      <section aria-labelledby="recent-title">
        <div className="row">
          <h2 id="recent-title" className="search-side-title">
            Recent searches
          </h2>
          <span className="spacer" />
          {recent.length > 0 && (
            <button type="button" className="button button-small button-ghost" onClick={onClear}>
              Clear
            </button>
          )}
        </div>
        {recent.length === 0 ? (
          <p className="muted small">Searches you make in this session show up here.</p>
        ) : (
          <ul className="list">
            {recent.map((q) => (
              <li key={q}>
                <button type="button" className="list-row" onClick={() => onPick(q)}>
                  {q}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="prompts-title">
        <h2 id="prompts-title" className="search-side-title">
          Try
        </h2>
        <ul className="list">
          {PROMPTS.map((q) => (
            <li key={q}>
              <button type="button" className="list-row" onClick={() => onPick(q)}>
                “{q}”
              </button>
            </li>
          ))}
        </ul>
        <p className="muted small">Dates like “last week”, “yesterday” or “in March 2023” become a date filter; the other words are matched by keyword and by meaning.</p>
      </section>
    </aside>
  );
}
