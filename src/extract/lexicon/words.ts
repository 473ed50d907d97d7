// Word lists the name finder reads: titles, ranks and honorifics (stripped from names into roles),
// calendar words (never entities), organisation hints and a few well-known organisations.
// All keys are lowercase; multi-word entries are token sequences joined with single spaces.

const words = (s: string): Set<string> => new Set(s.trim().split(/\s*\n\s*|\s*,\s*/).filter(Boolean))

/** Honorifics, with and without the abbreviation dot. */
export const HONORIFICS = words(`mr, mr., mrs, mrs., ms, ms., miss, dr, dr., prof, prof., sir, dame, lord, lady, madam, mx, rev, rev., reverend, fr, fr.`)

/** Military and police ranks (abbreviated and full). Multi-word ranks are listed whole. */
export const RANKS = words(`
gen, gen., general, lt, lt., lieutenant, col, col., colonel, maj, maj., major, capt, capt., captain, sgt, sgt., sergeant,
adm, adm., admiral, cmdr, cmdr., commander, cpl, cpl., corporal, pvt, pvt., private, brig, brig., brigadier,
maj gen, maj. gen., major general, lt gen, lt. gen., lieutenant general, brig gen, brig. gen., brigadier general,
lt col, lt. col., lieutenant colonel, rear adm, rear adm., rear admiral, vice adm, vice adm., vice admiral,
air marshal, field marshal, marshal, petty officer, chief petty officer, chief, inspector, detective, sheriff, commissioner, constable, officer`)

/** Titles of office and job titles that precede a name ("President Joe Biden", "press secretary Pat Ryder"). */
export const TITLES = words(`
president, vice president, prime minister, deputy prime minister, minister, foreign minister, defence minister,
defense minister, finance minister, interior minister, chancellor, premier, king, queen, prince, princess, emperor,
pope, cardinal, archbishop, bishop, rabbi, imam, sheikh, ayatollah, sultan, emir, crown prince,
secretary, secretary of state, secretary-general, secretary general, press secretary, under secretary, undersecretary,
deputy secretary, assistant secretary, attorney general, solicitor general, governor, lieutenant governor, mayor,
senator, sen, sen., gov, gov., lt. gov., congressman, congresswoman, representative, rep, rep., speaker, house speaker, senate leader,
leader, majority leader, minority leader, chairman, chairwoman, chair, chief executive, ceo, cfo, coo, director,
deputy director, spokesman, spokeswoman, spokesperson, spokesmen, ambassador, envoy, judge, justice, chief justice,
lawyer, attorney, adviser, advisor, national security adviser, aide, official, commander, chief of staff, head,
foreign secretary, home secretary, defence secretary, defense secretary, health secretary, treasury secretary,
coach, manager, striker, midfielder, defender, goalkeeper, captain, skipper, coach, president-elect, candidate,
nominee, counsel, special counsel, prosecutor, founder, co-founder, owner, editor, correspondent, reporter,
analyst, economist, professor, historian, author, executive, dictator, strongman, opposition leader, former,
first lady, dr, lawmaker, legislator, delegate, diplomat, general, colonel, commissioner, treasurer, deputy,
supervisor, principal, pastor`)

export const MONTHS = words(`january, february, march, april, may, june, july, august, september, october, november, december,
jan, jan., feb, feb., mar, mar., apr, apr., jun, jun., jul, jul., aug, aug., sep, sep., sept, sept., oct, oct., nov, nov., dec, dec.`)
export const WEEKDAYS = words(`monday, tuesday, wednesday, thursday, friday, saturday, sunday, mon, tue, tues, wed, thu, thur, thurs, fri, sat, sun`)
/** Other capitalised words that are never names on their own. */
export const NOT_NAMES = words(`updated, news, breaking, advertisement, photo, video, read more, ap, reuters, afp, getty images,
god, internet, web, christmas, easter, ramadan, eid, thanksgiving, new year, today, yesterday, tomorrow, i, ok`)

/** Feasts and holidays: a common word right after one is a part of the day's name ("Christmas Eve", "Thanksgiving Day"). */
export const HOLIDAYS = words(`christmas, easter, ramadan, eid, thanksgiving, hanukkah, passover, halloween, year`)

/** Nouns of a kind of product or work before its name ("the drug Viagra", "the app Handle", "the play Madness"). */
export const PRODUCT_NOUNS = words(`drug, drugs, medication, medicine, pill, treatment, vaccine, app, apps, brand, device, gadget, product, software,
platform, website, album, song, film, movie, book, novel, play, musical, show, series, game, video`)

/** Last words that make a capitalised phrase an organisation ("Ministry of Defence", "Acme Corp"). */
export const ORG_HINTS = words(`
ministry, department, dept, agency, office, bureau, service, services, council, committee, commission, parliament,
congress, senate, assembly, court, party, union, federation, association, institute, institution, university, college,
school, academy, foundation, fund, bank, group, corporation, corp, corp., inc, inc., ltd, ltd., llc, plc, co, co., company,
companies, holdings, airlines, airways, motors, bank, exchange, network, times, post, journal, news, press, broadcasting,
club, fc, united, city, rovers, wanderers, athletic, olympique, team, army, navy, force, forces, guard, police,
administration, campaign, center, centre, initiative, partnership, project, poll, government, authority, board, organisation, organization, alliance, coalition, movement, front, church,
hospital, command, corps, brigade, division, regiment, cabinet, kremlin, pentagon, nations, league, society, trust, labs,
systems, technologies, industries, enterprises, partners, capital, securities, reserve, treasury, tribunal, caucus, fbi,
observer, herald, tribune, gazette, chronicle, telegraph, courier, examiner, inquirer, magazine, daily, weekly, channel, radio, tv,
energy, offshore, hydrogen, petroleum, oil, gas, mining, minerals, resources, utilities, analytics, logistics, shipping, pharmaceuticals,
pharma, biotech, telecom, telecoms, solutions, ventures, media, pictures, studios, steel, chemicals, engineering, consulting, investments`)

/** Organisations common in news, by phrase key. */
export const KNOWN_ORGS = new Map<string, string>(Object.entries({
  Pentagon: 'Pentagon', 'White House': 'White House', Kremlin: 'Kremlin', NATO: 'NATO', Nato: 'NATO', UN: 'United Nations',
  'U.N.': 'United Nations', 'United Nations': 'United Nations', EU: 'European Union', 'E.U.': 'European Union',
  'European Union': 'European Union', FBI: 'FBI', CIA: 'CIA', NSA: 'NSA', 'State Department': 'State Department',
  'Justice Department': 'Justice Department', Congress: 'Congress', Senate: 'Senate', 'House of Representatives': 'House of Representatives',
  'Supreme Court': 'Supreme Court', Republicans: 'Republican Party', Democrats: 'Democratic Party', GOP: 'Republican Party',
  'Republican Party': 'Republican Party', 'Democratic Party': 'Democratic Party', IMF: 'IMF', 'World Bank': 'World Bank',
  WHO: 'World Health Organization', Hamas: 'Hamas', Hezbollah: 'Hezbollah', Taliban: 'Taliban', OPEC: 'OPEC',
  'Downing Street': 'Downing Street', Reuters: 'Reuters', AP: 'Associated Press', 'Associated Press': 'Associated Press',
  DOJ: 'Justice Department', DHS: 'Department of Homeland Security', EPA: 'EPA', 'Federal Reserve': 'Federal Reserve', Fed: 'Federal Reserve',
}))

/** Words that precede a place ("in Kursk", "near Kursk"). */
export const PLACE_PREPOSITIONS = words(`in, at, near, inside, outside, from, to, into, across, around, towards, toward, via`)
/** Words that follow a place ("Kursk region"). */
export const PLACE_NOUNS = words(`region, city, province, state, county, oblast, district, town, village, area, border, island, islands, river, valley, capital,
park, street, avenue, square, stadium, bridge, airport, road, mountains, mountain, lake, bay, beach, hill, hills, heights, peninsula, strait, sea, ocean, coast, plaza`)

/** True when the lowercase word is a calendar word (month or weekday). */
export function isCalendar(lower: string): boolean {
  return MONTHS.has(lower) || WEEKDAYS.has(lower)
}
