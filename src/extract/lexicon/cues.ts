// Speech and thought cues: the verbs that introduce what someone said or believes, with every
// inflected form spelt out, so the quote stage tests a token with one Set lookup (no lemmatiser,
// no regex in the hot loop). Data only; src/extract/quotes.ts reads it.

/** lemma -> its forms (base, 3rd person, past, participle, gerund) */
const VERBS: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  add: ['add', 'adds', 'added', 'adding'],
  ask: ['ask', 'asks', 'asked', 'asking'],
  claim: ['claim', 'claims', 'claimed', 'claiming'],
  argue: ['argue', 'argues', 'argued', 'arguing'],
  explain: ['explain', 'explains', 'explained', 'explaining'],
  note: ['note', 'notes', 'noted', 'noting'],
  insist: ['insist', 'insists', 'insisted', 'insisting'],
  write: ['write', 'writes', 'wrote', 'written', 'writing'],
  tweet: ['tweet', 'tweets', 'tweeted', 'tweeting'],
  state: ['state', 'states', 'stated', 'stating'],
  warn: ['warn', 'warns', 'warned', 'warning'],
  believe: ['believe', 'believes', 'believed', 'believing'],
  think: ['think', 'thinks', 'thought', 'thinking'],
  announce: ['announce', 'announces', 'announced', 'announcing'],
  report: ['report', 'reports', 'reported', 'reporting'],
  suggest: ['suggest', 'suggests', 'suggested', 'suggesting'],
  acknowledge: ['acknowledge', 'acknowledges', 'acknowledged', 'acknowledging'],
  admit: ['admit', 'admits', 'admitted', 'admitting'],
  contend: ['contend', 'contends', 'contended', 'contending'],
  declare: ['declare', 'declares', 'declared', 'declaring'],
  continue: ['continue', 'continues', 'continued', 'continuing'],
  recall: ['recall', 'recalls', 'recalled', 'recalling'],
  reply: ['reply', 'replies', 'replied', 'replying'],
  respond: ['respond', 'responds', 'responded', 'responding'],
  answer: ['answer', 'answers', 'answered', 'answering'],
  predict: ['predict', 'predicts', 'predicted', 'predicting'],
  promise: ['promise', 'promises', 'promised', 'promising'],
  vow: ['vow', 'vows', 'vowed', 'vowing'],
  pledge: ['pledge', 'pledges', 'pledged', 'pledging'],
  urge: ['urge', 'urges', 'urged', 'urging'],
  charge: ['charge', 'charges', 'charged', 'charging'],
  accuse: ['accuse', 'accuses', 'accused', 'accusing'],
  complain: ['complain', 'complains', 'complained', 'complaining'],
  confirm: ['confirm', 'confirms', 'confirmed', 'confirming'],
  deny: ['deny', 'denies', 'denied', 'denying'],
  estimate: ['estimate', 'estimates', 'estimated', 'estimating'],
  assert: ['assert', 'asserts', 'asserted', 'asserting'],
  concede: ['concede', 'concedes', 'conceded', 'conceding'],
  observe: ['observe', 'observes', 'observed', 'observing'],
  joke: ['joke', 'jokes', 'joked', 'joking'],
  quip: ['quip', 'quips', 'quipped', 'quipping'],
  shout: ['shout', 'shouts', 'shouted', 'shouting'],
  yell: ['yell', 'yells', 'yelled', 'yelling'],
  chant: ['chant', 'chants', 'chanted', 'chanting'],
  exclaim: ['exclaim', 'exclaims', 'exclaimed', 'exclaiming'],
  boast: ['boast', 'boasts', 'boasted', 'boasting'],
  mock: ['mock', 'mocks', 'mocked', 'mocking'],
  remark: ['remark', 'remarks', 'remarked', 'remarking'],
  comment: ['comment', 'comments', 'commented', 'commenting'],
  emphasize: ['emphasize', 'emphasizes', 'emphasized', 'emphasizing', 'emphasise', 'emphasises', 'emphasised', 'emphasising'],
  stress: ['stress', 'stresses', 'stressed', 'stressing'],
  indicate: ['indicate', 'indicates', 'indicated', 'indicating'],
  reveal: ['reveal', 'reveals', 'revealed', 'revealing'],
  disclose: ['disclose', 'discloses', 'disclosed', 'disclosing'],
  allege: ['allege', 'alleges', 'alleged', 'alleging'],
  maintain: ['maintain', 'maintains', 'maintained', 'maintaining'],
  fear: ['fear', 'fears', 'feared', 'fearing'],
  hope: ['hope', 'hopes', 'hoped', 'hoping'],
  worry: ['worry', 'worries', 'worried', 'worrying'],
  expect: ['expect', 'expects', 'expected', 'expecting'],
  demand: ['demand', 'demands', 'demanded', 'demanding'],
  call: ['call', 'calls', 'called', 'calling'],
  describe: ['describe', 'describes', 'described', 'describing'],
  testify: ['testify', 'testifies', 'testified', 'testifying'],
  conclude: ['conclude', 'concludes', 'concluded', 'concluding'],
  find: ['find', 'finds', 'found', 'finding'],
  show: ['show', 'shows', 'showed', 'shown', 'showing'],
  know: ['know', 'knows', 'knew', 'known', 'knowing'],
  agree: ['agree', 'agrees', 'agreed', 'agreeing'],
  recommend: ['recommend', 'recommends', 'recommended', 'recommending'],
  propose: ['propose', 'proposes', 'proposed', 'proposing'],
  post: ['post', 'posts', 'posted', 'posting'],
  blast: ['blast', 'blasts', 'blasted', 'blasting'],
  slam: ['slam', 'slams', 'slammed', 'slamming'],
  praise: ['praise', 'praises', 'praised', 'praising'],
  criticize: ['criticize', 'criticizes', 'criticized', 'criticizing', 'criticise', 'criticises', 'criticised', 'criticising'],
  counter: ['counter', 'counters', 'countered', 'countering'],
  point: ['point', 'points', 'pointed', 'pointing'],
  read: ['read', 'reads', 'reading'],
  sing: ['sing', 'sings', 'sang', 'sung', 'singing'],
  tout: ['tout', 'touts', 'touted', 'touting'],
  muse: ['muse', 'muses', 'mused', 'musing'],
  scoff: ['scoff', 'scoffs', 'scoffed', 'scoffing'],
  snap: ['snap', 'snaps', 'snapped', 'snapping'],
  wonder: ['wonder', 'wonders', 'wondered', 'wondering'],
  question: ['question', 'questions', 'questioned', 'questioning'],
  repeat: ['repeat', 'repeats', 'repeated', 'repeating'],
  reiterate: ['reiterate', 'reiterates', 'reiterated', 'reiterating'],
  instruct: ['instruct', 'instructs', 'instructed', 'instructing'],
  advise: ['advise', 'advises', 'advised', 'advising'],
  assure: ['assure', 'assures', 'assured', 'assuring'],
  caution: ['caution', 'cautions', 'cautioned', 'cautioning'],
  brag: ['brag', 'brags', 'bragged', 'bragging'],
  lament: ['lament', 'laments', 'lamented', 'lamenting'],
  plead: ['plead', 'pleads', 'pleaded', 'pleading'],
  whisper: ['whisper', 'whispers', 'whispered', 'whispering'],
  interject: ['interject', 'interjects', 'interjected', 'interjecting'],
  retort: ['retort', 'retorts', 'retorted', 'retorting'],
  liken: ['liken', 'likens', 'likened', 'likening'],
  laud: ['laud', 'lauds', 'lauded', 'lauding'],
  cite: ['cite', 'cites', 'cited', 'citing'],
  dismiss: ['dismiss', 'dismisses', 'dismissed', 'dismissing'],
  label: ['label', 'labels', 'labeled', 'labelled', 'labeling', 'labelling'],
  brand: ['brand', 'brands', 'branded', 'branding'],
  dub: ['dub', 'dubs', 'dubbed', 'dubbing'],
  term: ['term', 'terms', 'termed', 'terming'],
  hail: ['hail', 'hails', 'hailed', 'hailing'],
  decry: ['decry', 'decries', 'decried', 'decrying'],
  denounce: ['denounce', 'denounces', 'denounced', 'denouncing'],
  condemn: ['condemn', 'condemns', 'condemned', 'condemning'],
  characterize: ['characterize', 'characterizes', 'characterized', 'characterizing', 'characterise', 'characterises', 'characterised', 'characterising'],
  refer: ['refer', 'refers', 'referred', 'referring'],
  blame: ['blame', 'blames', 'blamed', 'blaming'],
  // intentions and wishes ("X wants to ...", "X plans to ...")
  want: ['want', 'wants', 'wanted', 'wanting'],
  plan: ['plans', 'planned', 'planning'],
  intend: ['intend', 'intends', 'intended', 'intending'],
  seek: ['seek', 'seeks', 'sought', 'seeking'],
  refuse: ['refuse', 'refuses', 'refused', 'refusing'],
  decline: ['decline', 'declines', 'declined', 'declining'],
  prefer: ['prefer', 'prefers', 'preferred', 'preferring'],
  feel: ['feel', 'feels', 'felt', 'feeling'],
  // stances taken on something ("X endorsed Clinton")
  endorse: ['endorse', 'endorses', 'endorsed', 'endorsing'],
  support: ['supports', 'supported', 'supporting'],
  back: ['backs', 'backed', 'backing'],
  oppose: ['oppose', 'opposes', 'opposed', 'opposing'],
  defend: ['defend', 'defends', 'defended', 'defending'],
  reject: ['reject', 'rejects', 'rejected', 'rejecting'],
  mention: ['mention', 'mentions', 'mentioned', 'mentioning'],
  discuss: ['discuss', 'discusses', 'discussed', 'discussing'],
  express: ['express', 'expresses', 'expressed', 'expressing'],
  voice: ['voices', 'voiced', 'voicing'],
  offer: ['offers', 'offered', 'offering'],
  attack: ['attacks', 'attacked', 'attacking'],
  favor: ['favors', 'favored', 'favoring', 'favours', 'favoured', 'favouring'],
  // beliefs and knowledge, reported with a clause ("X sees that ...", "X realized the deal was dead")
  see: ['sees'],
  remember: ['remember', 'remembers', 'remembered', 'remembering'],
  understand: ['understands', 'understood'],
  learn: ['learns', 'learned', 'learnt'],
  realize: ['realize', 'realizes', 'realized', 'realise', 'realises', 'realised'],
  recognize: ['recognizes', 'recognized', 'recognises', 'recognised'],
  suspect: ['suspects', 'suspected'],
  assume: ['assumes', 'assumed'],
  doubt: ['doubts', 'doubted'],
  signal: ['signals', 'signaled', 'signalled', 'signaling', 'signalling'],
  hint: ['hint', 'hints', 'hinted', 'hinting'],
  // intentions ("X decided to run", "X threatened to sue")
  decide: ['decide', 'decides', 'decided'],
  threaten: ['threaten', 'threatens', 'threatened', 'threatening'],
  // stances taken on someone or something ("X thanked the voters", "X welcomed the ruling")
  thank: ['thanks', 'thanked', 'thanking'],
  welcome: ['welcomes', 'welcomed', 'welcoming'],
  applaud: ['applaud', 'applauds', 'applauded', 'applauding'],
  assail: ['assail', 'assails', 'assailed', 'assailing'],
  challenge: ['challenges', 'challenged', 'challenging'],
  // speaking of a topic ("X talked about ...")
  talk: ['talk', 'talks', 'talked', 'talking'],
  speak: ['speak', 'speaks', 'spoke', 'spoken', 'speaking'],
}

/** surface form (lower case) -> lemma */
export const CUE_FORMS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  for (const [lemma, forms] of Object.entries(VERBS)) {
    if (forms.length === 0) continue
    for (const f of forms) {
      m.set(f, lemma)
      m.set(f[0].toUpperCase() + f.slice(1), lemma)
    }
  }
  return m
})()

/**
 * Cues strong enough to attach a direct quote to a speaker right next to it ("…,” he said.),
 * and to introduce reported speech whatever follows them.
 */
export const SPEECH_LEMMAS: ReadonlySet<string> = new Set([
  'say', 'tell', 'add', 'ask', 'claim', 'argue', 'explain', 'note', 'insist', 'write', 'tweet',
  'state', 'warn', 'announce', 'report', 'suggest', 'acknowledge', 'admit', 'contend', 'declare',
  'continue', 'recall', 'reply', 'respond', 'answer', 'predict', 'promise', 'vow', 'pledge', 'urge',
  'charge', 'accuse', 'complain', 'confirm', 'deny', 'assert', 'concede', 'observe', 'joke', 'quip',
  'shout', 'yell', 'chant', 'exclaim', 'boast', 'mock', 'remark', 'comment', 'emphasize', 'stress',
  'reveal', 'allege', 'maintain', 'testify', 'post', 'blast', 'slam', 'counter', 'muse', 'scoff',
  'snap', 'wonder', 'repeat', 'reiterate', 'assure', 'caution', 'brag', 'lament', 'plead',
  'whisper', 'interject', 'retort', 'sing', 'read', 'write', 'call', 'describe', 'praise', 'criticize',
  'tout', 'question', 'instruct', 'advise', 'demand', 'estimate', 'indicate', 'disclose', 'point',
  'liken', 'laud', 'cite', 'dismiss', 'label', 'brand', 'dub', 'term', 'hail', 'decry', 'denounce',
  'condemn', 'characterize', 'refer', 'blame',
])

/** Thought and belief cues: reported speech only with an explicit clause after them ("X believes (that) ..."). */
export const THOUGHT_LEMMAS: ReadonlySet<string> = new Set([
  'believe', 'think', 'fear', 'hope', 'worry', 'expect', 'know', 'agree', 'find', 'show', 'conclude',
  'recommend', 'propose', 'want', 'plan', 'intend', 'seek', 'refuse', 'decline', 'prefer', 'feel',
  'see', 'remember', 'understand', 'learn', 'realize', 'recognize', 'suspect', 'assume', 'doubt', 'signal', 'hint',
  'decide', 'threaten',
])

/** Intentions and wishes: reported with a short complement, "to ..." or an object ("X wants to run", "X wants a recount"). */
export const INTENT_LEMMAS: ReadonlySet<string> = new Set(['want', 'plan', 'intend', 'seek', 'refuse', 'decline', 'prefer', 'hope', 'decide', 'threaten'])

/** Stances PolNeAR annotates as attribution of their object: "X endorsed Clinton", "X opposes the deal". */
export const OBJECT_LEMMAS: ReadonlySet<string> = new Set([
  'endorse', 'support', 'back', 'oppose', 'defend', 'reject', 'mention', 'discuss', 'favor', 'attack',
  // what someone voiced: "X expressed doubt that ...", "X offered a defense of the bill"
  'express', 'voice', 'offer', 'thank', 'welcome', 'applaud', 'assail', 'challenge',
])

/** Speaking of a topic or answering: "X talked about ...", "X responded to the remarks": what follows the preposition. */
export const TOPIC_LEMMAS: ReadonlyMap<string, string> = new Map([['talk', 'about'], ['speak', 'about'], ['respond', 'to'], ['reply', 'to']])

/** Cues after which a reporter's object usually follows: "told reporters", "told CNN", "asked him". */
export const OBJECT_TAKING: ReadonlySet<string> = new Set(['tell', 'ask', 'assure', 'urge', 'warn', 'instruct', 'advise', 'remind'])

/** Words that may sit between a subject and its cue verb: "X has said", "X also said", "X meanwhile said". */
export const AUX_OR_ADVERB: ReadonlySet<string> = new Set([
  'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must', 'did', 'does', 'do',
  'also', 'meanwhile', 'later', 'then', 'previously', 'earlier', 'repeatedly', 'often', 'again', 'recently',
  'once', 'reportedly', 'publicly', 'privately', 'frequently', 'further', 'flatly', 'simply', 'just',
  'already', 'still', 'first', 'even', 'now', 'is', 'was', 'are', 'were', 'be', 'been', 'being',
  'not', "n't", 'never', 'always', 'quickly', 'angrily', 'bluntly', 'famously', 'explicitly', 'openly',
  'subsequently', 'initially', 'finally', 'ultimately', 'long', "'s", '’s', 'apparently', 'clearly',
  'herself', 'himself', 'themselves', 'itself', 'falsely', 'correctly', 'wrongly', 'rightly',
  'both', 'all', 'overall',
])

/** Personal pronouns that can name a speaker, by what they can refer to. */
export const PERSON_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'He', 'She', 'him', 'her'])
export const GROUP_PRONOUNS: ReadonlySet<string> = new Set(['it', 'It', 'they', 'They', 'we', 'We'])
export const FIRST_PERSON: ReadonlySet<string> = new Set(['I', 'we', 'We'])

/** Heads of non-name speaker phrases: "a senior official said", "officials said", "the spokesman told". */
export const SPEAKER_NOUNS: ReadonlySet<string> = new Set([
  'official', 'officials', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'source', 'sources',
  'aide', 'aides', 'adviser', 'advisers', 'advisor', 'advisors', 'statement', 'report', 'leader', 'leaders',
  'people', 'person', 'analyst', 'analysts', 'expert', 'experts', 'campaign', 'president', 'candidate',
  'nominee', 'secretary', 'minister', 'ministry', 'department', 'governor', 'senator', 'lawmaker',
  'lawmakers', 'congressman', 'congresswoman', 'director', 'chairman', 'chairwoman', 'chief', 'officer',
  'spokesmen', 'voters', 'voter', 'supporters', 'supporter', 'critics', 'critic', 'democrats', 'republicans',
  'representative', 'lawyer', 'attorney', 'judge', 'police', 'witness', 'witnesses', 'residents', 'resident',
  'organizers', 'organisers', 'poll', 'survey', 'study', 'letter', 'email', 'memo', 'tweet', 'post',
  'article', 'paper', 'newspaper', 'author', 'authors', 'group', 'committee', 'administration', 'agency',
  'office', 'white', 'house', 'government', 'military', 'army', 'commander', 'general', 'manager',
])

/** Time words a subject search steps over: "Trump on Tuesday said". */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday',
  'tonight', 'night', 'morning', 'afternoon', 'evening', 'week', 'weekend', 'month', 'year', 'day',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'ago', 'time',
])

/** The time words that are capitalised as names of days and months: "Tuesday" is a time, "Day" a surname. */
export const CALENDAR_NAMES: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
])

/** Speech, belief and intention nouns that cue what their owner said: "Sanders’s claim that …", "his promise to …". */
export const NOUN_CUES: ReadonlySet<string> = new Set([
  'claim', 'claims', 'assertion', 'assertions', 'warning', 'warnings', 'argument', 'insistence', 'belief', 'beliefs',
  'promise', 'promises', 'pledge', 'vow', 'suggestion', 'allegation', 'allegations', 'contention', 'prediction',
  'demand', 'demands', 'denial', 'admission', 'accusation', 'accusations', 'complaint', 'fear', 'fears', 'hope',
  'hopes', 'view', 'call', 'calls', 'refusal', 'threat', 'threats', 'announcement', 'proposal', 'assurance',
  'assurances', 'boast', 'charge', 'suspicion', 'conviction', 'statement', 'remark', 'insinuation', 'implication',
])

/** The writer's evidential verbs: "X seems to ...", "X appeared poised to ...", "It appears that ...". */
export const EVIDENTIAL_FORMS: ReadonlySet<string> = new Set(['seem', 'seems', 'seemed', 'appear', 'appears', 'appeared'])

/** Documents that show or find something, and speak for their authors: "polls show ...", "in a CBS News poll, ...". */
export const DOCUMENT_NOUNS: ReadonlySet<string> = new Set([
  'poll', 'polls', 'survey', 'surveys', 'study', 'studies', 'report', 'reports', 'data', 'figures', 'results',
  'numbers', 'analysis', 'research', 'review', 'audit', 'census', 'records', 'documents', 'ranking', 'rankings',
  'estimates', 'projection', 'projections', 'forecast', 'forecasts', 'findings', 'investigation', 'tally', 'count',
])

/** Stance nouns and the preposition that opens what they are about: "her long support for stem cell research". */
export const STANCE_NOUNS: ReadonlyMap<string, string> = new Map([
  ['support', 'for'], ['criticism', 'of'], ['criticisms', 'of'], ['attack', 'on'], ['attacks', 'on'], ['opposition', 'to'],
  ['praise', 'for'], ['endorsement', 'of'], ['call', 'for'], ['calls', 'for'], ['concern', 'about'], ['concerns', 'about'],
  ['questions', 'about'], ['doubts', 'about'], ['skepticism', 'about'], ['views', 'on'], ['view', 'of'], ['stance', 'on'],
  ['position', 'on'], ['positions', 'on'], ['defense', 'of'], ['embrace', 'of'], ['rejection', 'of'], ['condemnation', 'of'],
])
