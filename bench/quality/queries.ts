/**
 * Labelled queries over corpus.ts. Written together with the corpus, before the search engine was run on
 * them; after the first run only genuine labelling mistakes may be fixed (list every change below), never a
 * query reworded so the system does better.
 *
 * Split (100 queries):
 * - keyword (30): a rare term the user remembers — a name, code, product or foreign word. BM25's home ground;
 *   the static word-vector embedder usually has no vector for such tokens.
 * - paraphrase (40): what the note is about, in other words. Content words are chosen not to appear in the
 *   target (a stray shared word, "bill" in the first one, is kept where it is what a person would type).
 *   Several have a homonym distractor in the corpus (crane, worms, rainy, nose…).
 * - mixed (30): some words shared with the target, some not; many aim at one side of a homonym pair (python,
 *   rust, mouse, cookies, java) or at one of two near-identical notes (two dentist visits, two postmortems).
 *
 * Changes after the first run: none.
 */

export type QueryKind = 'keyword' | 'paraphrase' | 'mixed';

export interface LabelledQuery {
  id: string;
  kind: QueryKind;
  query: string;
  /** Ids of the notes that answer the query; a hit is any of them. */
  relevant: string[];
}

const q = (id: string, kind: QueryKind, query: string, ...relevant: string[]): LabelledQuery => ({ id, kind, query, relevant });

export const queries: LabelledQuery[] = [
  // ── keyword / rare terms ────────────────────────────────────────────────────────────────────────────
  q('k01', 'keyword', 'INC-2041', 'incident-inc-2041'),
  q('k02', 'keyword', 'Hakkapeliitta', 'car-tire-change'),
  q('k03', 'keyword', 'Manteigaria', 'lisbon-trip-2019'),
  q('k04', 'keyword', 'Splitwise', 'splitting-bills'),
  q('k05', 'keyword', 'Najdorf', 'chess-openings'),
  q('k06', 'keyword', 'PCN HX48219', 'parking-fine-appeal'),
  q('k07', 'keyword', 'Ryanair EU261', 'flight-delay-claim'),
  q('k08', 'keyword', 'ProxyJump', 'ssh-jump'),
  q('k09', 'keyword', 'CrashLoopBackOff', 'k8s-crashloop'),
  q('k10', 'keyword', 'VWRL', 'index-fund-rebalance'),
  q('k11', 'keyword', 'Datadog', 'datadog-renewal'),
  q('k12', 'keyword', 'restic B2', 'restic-backup'),
  q('k13', 'keyword', 'Jökulsárlón', 'iceland-ring-road'),
  q('k14', 'keyword', 'Priya 1:1', 'one-on-one-priya'),
  q('k15', 'keyword', 'Brightline invoice', 'freelance-invoice-late'),
  q('k16', 'keyword', 'Pentax K1000', 'film-camera'),
  q('k17', 'keyword', 'Kinkaku-ji', 'kyoto-temples'),
  q('k18', 'keyword', 'HOM-55012', 'home-insurance-claim'),
  q('k19', 'keyword', 'Clementi sonatina', 'piano'),
  q('k20', 'keyword', 'Wingspan Codenames', 'board-game-night'),
  q('k21', 'keyword', 'Farrow & Ball Pigeon', 'paint-bedroom'),
  q('k22', 'keyword', 'MX Master 3S', 'computer-mouse'),
  q('k23', 'keyword', 'sumatriptan', 'migraine-triggers'),
  q('k24', 'keyword', 'gochugaru', 'kimchi'),
  q('k25', 'keyword', 'Telegonus', 'book-club-circe'),
  q('k26', 'keyword', 'PgBouncer', 'pgbouncer'),
  q('k27', 'keyword', 'pg_stat_statements', 'postgres-16-migration'),
  q('k28', 'keyword', 'Milngavie', 'scotland-hike'),
  q('k29', 'keyword', 'Kahneman', 'thinking-fast-slow'),
  q('k30', 'keyword', 'Biscuit', 'journal-dog-vet', 'dog-training'),

  // ── paraphrase / synonyms ───────────────────────────────────────────────────────────────────────────
  q('p01', 'paraphrase', 'automobile repair bill', 'car-clutch-repair'),
  q('p02', 'paraphrase', 'motor policy premium rose, moved to a cheaper company', 'car-insurance-renewal'),
  q('p03', 'paraphrase', 'rehab routine for a painful kneecap', 'physio-knee'),
  q('p04', 'paraphrase', 'tooth decay repaired at the dental clinic', 'dentist-cavity'),
  q('p05', 'paraphrase', 'cannot stay asleep, up before dawn', 'sleep-insomnia'),
  q('p06', 'paraphrase', 'headache with visual disturbance', 'migraine-triggers'),
  q('p07', 'paraphrase', 'allergic reaction to flowers in springtime, runny nose', 'hay-fever'),
  q('p08', 'paraphrase', 'skin specialist checked a spot on my arm', 'dermatologist'),
  q('p09', 'paraphrase', 'psychologist appointment about stress and worry', 'therapy-anxiety'),
  q('p10', 'paraphrase', 'how much I spend every month and on what', 'monthly-budget'),
  q('p11', 'paraphrase', 'refinancing the house loan', 'mortgage-refinance'),
  q('p12', 'paraphrase', 'rainy day cash cushion', 'emergency-fund'),
  q('p13', 'paraphrase', 'my flat is getting more expensive to lease', 'rent-increase'),
  q('p14', 'paraphrase', 'heating costs exploded this quarter', 'electricity-bill'),
  q('p15', 'paraphrase', "client hasn't paid me yet", 'freelance-invoice-late'),
  q('p16', 'paraphrase', "my mother's signature oven dish", 'lasagna'),
  q('p17', 'paraphrase', 'fluffy breakfast griddle cakes', 'pancakes'),
  q('p18', 'paraphrase', 'Mexican street food with spit-roasted meat', 'tacos-al-pastor', 'mexico-city-food'),
  q('p19', 'paraphrase', 'sink faucet fix', 'leaky-tap'),
  q('p20', 'paraphrase', 'damp dark patches in the washroom', 'bathroom-mould'),
  q('p21', 'paraphrase', 'racket from the flat overhead keeps me awake', 'noisy-neighbours'),
  q('p22', 'paraphrase', 'rodent in the pantry', 'kitchen-mouse'),
  q('p23', 'paraphrase', 'angling outing, caught a couple', 'bass-fishing'),
  q('p24', 'paraphrase', 'saw a tall grey wading bird in the wetland', 'birdwatching'),
  q('p25', 'paraphrase', 'looking at planets through a scope', 'telescope-jupiter'),
  q('p26', 'paraphrase', 'book about mental shortcuts and irrational judgement', 'thinking-fast-slow'),
  q('p27', 'paraphrase', "stoic emperor's reflections", 'meditations'),
  q('p28', 'paraphrase', 'novel about a desert planet and giant worms', 'dune'),
  q('p29', 'paraphrase', 'autobiography of a woman from a fundamentalist mountain family who taught herself', 'educated'),
  q('p30', 'paraphrase', 'my pet ate something toxic', 'journal-dog-vet'),
  q('p31', 'paraphrase', 'isolated after relocating, nobody to talk to', 'journal-lonely-move'),
  q('p32', 'paraphrase', 'grandmother passed away, memorial service', 'journal-grandma-funeral'),
  q('p33', 'paraphrase', 'quitting my previous employer', 'resignation'),
  q('p34', 'paraphrase', 'negotiating pay for a new position', 'job-offer-negotiation'),
  q('p35', 'paraphrase', 'undo a messed up history rewrite in version control', 'git-rebase'),
  q('p36', 'paraphrase', 'paperwork to visit the subcontinent', 'india-visa'),
  q('p37', 'paraphrase', 'airline owes me money for arriving hours behind schedule', 'flight-delay-claim'),
  q('p38', 'paraphrase', "trekking in Scotland's mountains with biting insects", 'scotland-hike'),
  q('p39', 'paraphrase', 'handcrafted furniture joinery', 'woodworking'),
  q('p40', 'paraphrase', 'shoppers overbilled by a penny after a faulty release', 'incident-inc-1987'),

  // ── mixed ───────────────────────────────────────────────────────────────────────────────────────────
  q('m01', 'mixed', 'new glasses prescription', 'eye-exam'),
  q('m02', 'mixed', 'iced coffee made overnight', 'cold-brew'),
  q('m03', 'mixed', 'fermented cabbage side dish', 'kimchi'),
  q('m04', 'mixed', 'database outage because the disk filled up', 'incident-inc-2041'),
  q('m05', 'mixed', 'washing machine leak insurance', 'home-insurance-claim'),
  q('m06', 'mixed', 'why is my energy bill so high', 'electricity-bill'),
  q('m07', 'mixed', 'vitamin supplement after a dark winter', 'vitamin-d'),
  q('m08', 'mixed', 'API throttling too many requests', 'rate-limit-design'),
  q('m09', 'mixed', 'dentist cleaning bleeding gums', 'dentist-cleaning'),
  q('m10', 'mixed', 'shortcrust fruit dessert', 'apple-pie'),
  q('m11', 'mixed', 'python virtual environment setup', 'python-venv'),
  q('m12', 'mixed', 'snake at the zoo', 'python-zoo'),
  q('m13', 'mixed', 'rust on my bicycle', 'bike-chain-rust'),
  q('m14', 'mixed', 'Rust ownership and references', 'rust-borrow'),
  q('m15', 'mixed', 'java coffee plantation volcano', 'java-indonesia'),
  q('m16', 'mixed', 'chewy cookie recipe', 'chocolate-chip-cookies'),
  q('m17', 'mixed', 'cookies SameSite security', 'browser-cookies'),
  q('m18', 'mixed', 'mouse trap', 'kitchen-mouse'),
  q('m19', 'mixed', 'marathon long run pace', 'marathon-plan'),
  q('m20', 'mixed', 'home office expenses tax deduction', 'tax-return-2023'),
  q('m21', 'mixed', 'migrating Postgres to a newer major version', 'postgres-16-migration'),
  q('m22', 'mixed', 'redesign of the signup steps', 'onboarding-design-review'),
  q('m23', 'mixed', 'bears at the campsite', 'yosemite-camping'),
  q('m24', 'mixed', 'train instead of flying to the Netherlands', 'paris-amsterdam-train'),
  q('m25', 'mixed', 'what to pack for hand luggage only', 'packing-list'),
  q('m26', 'mixed', 'wifi signal in the back bedroom', 'wifi-router'),
  q('m27', 'mixed', 'argument with my sister about caring for Dad', 'journal-argument-sister'),
  q('m28', 'mixed', 'book on building good habits', 'atomic-habits'),
  q('m29', 'mixed', 'smoke detector beeping', 'smoke-alarm'),
  q('m30', 'mixed', 'best man speech at a wedding', 'journal-friend-wedding'),
];
