// Word lists for name hygiene (src/extract/names/hygiene.ts): what is never part of a person's name,
// and names that are not people's. Keys are lowercase unless said otherwise.

const words = (s: string): Set<string> => new Set(s.trim().split(/\s*\n\s*|\s*,\s*/).filter(Boolean))

/** The 50 US states, the District of Columbia and the territories news names: places, never people. */
export const US_STATES = words(`
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia, hawaii, idaho, illinois,
indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, minnesota, mississippi, missouri,
montana, nebraska, nevada, new hampshire, new jersey, new mexico, new york, north carolina, north dakota, ohio, oklahoma,
oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee, texas, utah, vermont, virginia, washington,
west virginia, wisconsin, wyoming, district of columbia, puerto rico, guam`)

/**
 * News media, networks, wire services and pollsters: organisations, never people. Exact-case keys,
 * as the article writes them (an all-caps acronym, or the usual spelling).
 */
export const MEDIA_ORGS = new Set(
  `CNN, MSNBC, NBC, ABC, CBS, PBS, NPR, BBC, Fox, Fox News, Fox Business, CNBC, C-SPAN, CSPAN, HBO, ESPN, Univision, Telemundo,
Bloomberg Politics, Bloomberg News, Politico, Breitbart, Breitbart News, Huffington Post, HuffPost, BuzzFeed, Buzzfeed, Vox, Slate, Salon, Axios,
Reuters, Associated Press, AP, AFP, Newsmax, Drudge Report, Daily Caller, Daily Beast, The Hill, Mediaite, TMZ, Gawker,
New York Times, Washington Post, Wall Street Journal, USA Today, Los Angeles Times, Chicago Tribune, Boston Globe, Time magazine, Newsweek,
The Atlantic, New Yorker, National Review, Weekly Standard, Telegraph, Daily Mail, Politifact, PolitiFact, FactCheck.org,
Morning Consult, Gallup, Quinnipiac, Rasmussen, Rasmussen Reports, Pew, Pew Research Center, Marist, Zogby, YouGov, Ipsos,
SurveyMonkey, Harris Poll, Public Policy Polling, PPP, RealClearPolitics, Real Clear Politics,
FiveThirtyEight, Twitter, Facebook, YouTube, Instagram, Google, Reddit`
    .split(/\s*,\s*/)
    .map((s) => s.trim())
    .filter(Boolean),
)

/**
 * Party and descriptor words: before or after a name they say what the person is, not who
 * ("Democrat Hillary Clinton", "Jeb Bush Republican"); alone they are no person's name.
 */
export const DESCRIPTORS = words(`democrat, democrats, democratic, republican, republicans, gop, independent, libertarian, conservative,
liberal, progressive, socialist, tea party, d, r, i, dem, dems, rep, sen, gov, nominee, candidate, frontrunner, front-runner,
hopeful, challenger, incumbent, billionaire, businessman, businesswoman, mogul`)

/**
 * Verbs that a Title Case headline puts right after a name ("Hillary Clinton Says Trump ...",
 * "Chuck Grassley Compares Trump"): a name ends before them.
 */
export const HEADLINE_VERBS = words(`
says, say, calls, called, compares, compared, loses, lost, wins, won, slams, blasts, rips, hits, knocks, attacks, defends,
claims, urges, warns, vows, pledges, promises, denies, admits, accuses, accused, rejects, refuses, reveals, unveils, announces,
endorses, endorsed, backs, praises, mocks, tells, told, asks, demands, responds, reacts, explains, insists, suggests, thinks, believes,
wants, needs, plans, leads, trails, beats, defeats, drops, quits, joins, leaves, takes, makes, gets, goes, comes, sees, seeks, faces,
fires, hires, meets, visits, speaks, talks, writes, tweets, tweeted, declines, campaigns, rallies, releases, launches, files,
sues, signs, vetoes, votes, gives, shows, admits, apologizes, apologises, doubles, stumps, touts, dismisses, questions, challenges,
hints, torches, grills, trolls, bashes, blames, thanks, unloads,
is, was, are, were, has, had, would, could, should, vs, vs., versus`)

/**
 * Headline verbs that are also surnames ("Bernie Sanders Burns Hillary Clinton" against "William D. Burns",
 * "John Burns Real Estate"): a name ends before one only between two names of two words or more.
 */
export const SURNAME_VERBS = words(`burns, rich, sharp, stern, wise`)

/**
 * Prepositions, conjunctions and sentence adverbs that a capital at a sentence or byline start may
 * join to the name after them ("Unlike Hillary Clinton, I ...", "By Carly Fiorina", "Even Marco Rubio"):
 * never a name's first word. Not here: words that are also first names ("Per Lindqvist", "Will").
 */
export const LEADING_FUNCTION_WORDS = words(`
unlike, like, with, without, by, for, from, to, of, on, in, at, about, above, after, against, among, amid, as, before,
behind, below, beside, besides, between, beyond, despite, during, except, inside, into, near, onto, outside, over,
since, than, through, throughout, toward, towards, under, until, upon, via, within, and, but, or, nor, if, although,
though, because, unless, whereas, while, whether, when, whenever, where, wherever, why, how, even, also, only, neither,
either, perhaps, maybe, meanwhile, however, moreover, indeed, instead, otherwise, yes, please, thanks`)

/**
 * A government's portfolios: one alone before an office ("Energy Minister Karin Strandell", "Finance
 * Secretary") names the office, not an organisation.
 */
export const PORTFOLIOS = words(`energy, finance, defence, defense, health, interior, foreign, justice, education, trade, transport,
transportation, agriculture, environment, labor, labour, economy, economic, culture, housing, commerce, industry,
immigration, security, fisheries, tourism, sports, climate, development, infrastructure, digital`)

/** Offices a portfolio word stands before. */
export const OFFICES = words(`minister, secretary, commissioner, spokesman, spokeswoman, spokesperson, chief, czar, tsar`)

/** Number words that a capital at a sentence or quote start may make look like a name ("“One river, two countries”"). */
export const NUMBER_WORDS = words(`one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, hundred, thousand, million, billion`)

/** Words that end an organisation's name and so make a "person" an organisation ("Clinton Campaign"). */
export const ORG_HEADS = words(`campaign, campaigns, committee, party, foundation, institute, institution, university, college, school, academy,
center, centre, council, association, administration, corporation, company, group, fund, network, coalition, alliance, caucus,
project, initiative, network, organization, organisation, society, union, club, agency, department, office, media, news, poll, polls`)

/** Pronouns that a capital at a sentence start may dress up as a name. */
export const PRONOUNS = words(`i, me, my, mine, you, your, he, him, his, she, her, hers, it, its, we, us, our, they, them, their, who, whom`)

/** A token that is a contraction of a pronoun or an auxiliary ("I'm", "We’ll", "Here’s"): no name. */
export function isContraction(token: string): boolean {
  // most tokens hold no apostrophe: no regex for them
  if (!token.includes("'") && !token.includes('’')) return false
  const m = /^(\p{L}+)['’](m|ll|re|ve|d|s|t)$/iu.exec(token)
  if (!m) return false
  const base = m[1].toLowerCase()
  return PRONOUNS.has(base) || CONTRACTION_BASES.has(base) || m[2].toLowerCase() === 't'
}
const CONTRACTION_BASES = words(`here, there, that, what, where, when, why, how, let, this, everyone, nobody, somebody, someone, everybody`)

/**
 * Groups of people by faith, ethnicity or home state, capitalised by English usage and so read as names
 * by the tagger ("a ban on Muslims", "Hispanic voters", "250,000 or so Iowans"): one word of these is no
 * person, organisation or place. (Countries' demonyms are in countries.ts: they name their country.)
 */
export const GROUP_WORDS = words(`
muslim, muslims, christian, christians, catholic, catholics, protestant, protestants, evangelical, evangelicals, mormon,
mormons, jew, jews, hindu, hindus, sikh, sikhs, buddhist, buddhists, atheist, atheists, hispanic, hispanics, latino,
latinos, latina, latinas, latinx, blacks, whites, asians, europeans, european, saudi, saudis, neocons, iowan, iowans, texan, texans, floridian, floridians,
ohioan, ohioans, californian, californians, new yorker, new yorkers, virginian, virginians, carolinian, carolinians,
nevadan, nevadans, coloradan, coloradans, arizonan, arizonans, michigander, michiganders, wisconsinite, wisconsinites,
minnesotan, minnesotans, pennsylvanian, pennsylvanians, marine, marines, veteran, veterans`)

/** The AP's abbreviations of US states ("Gainesville, Fla."), each with the state's name (lowercase keys). */
export const STATE_ABBREVIATIONS = new Map<string, string>(Object.entries({
  'ala.': 'Alabama', 'ariz.': 'Arizona', 'ark.': 'Arkansas', 'calif.': 'California', 'colo.': 'Colorado', 'conn.': 'Connecticut',
  'del.': 'Delaware', 'fla.': 'Florida', 'ga.': 'Georgia', 'ill.': 'Illinois', 'ind.': 'Indiana', 'kan.': 'Kansas', 'ky.': 'Kentucky',
  'la.': 'Louisiana', 'md.': 'Maryland', 'mass.': 'Massachusetts', 'mich.': 'Michigan', 'minn.': 'Minnesota', 'miss.': 'Mississippi',
  'mo.': 'Missouri', 'mont.': 'Montana', 'neb.': 'Nebraska', 'nev.': 'Nevada', 'n.h.': 'New Hampshire', 'n.j.': 'New Jersey',
  'n.m.': 'New Mexico', 'n.y.': 'New York', 'n.c.': 'North Carolina', 'n.d.': 'North Dakota', 'okla.': 'Oklahoma', 'ore.': 'Oregon',
  'pa.': 'Pennsylvania', 'r.i.': 'Rhode Island', 's.c.': 'South Carolina', 's.d.': 'South Dakota', 'tenn.': 'Tennessee', 'vt.': 'Vermont',
  'va.': 'Virginia', 'wash.': 'Washington', 'w.va.': 'West Virginia', 'wis.': 'Wisconsin', 'wyo.': 'Wyoming',
}))

/** A lawmaker's party and state after the name ("Sen. John McCain, R-Ariz.", "D-N.Y."): a tag, no name. */
export function isPartyStateTag(token: string): boolean {
  return /^[RDI]-\p{Lu}[\p{L}.]*$/u.test(token)
}
