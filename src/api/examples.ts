// The example queries GraphiQL opens with (one tab each), at /graphql. Their variables name people
// and countries of the sample corpus (examples/articles) that `npm run demo` ingests.
export const EXAMPLE_TABS: { query: string; variables?: string }[] = [
  {
    query: `# Who said what about a country: quotes about Finland, grouped by speaker
query WhoSaidWhatAboutACountry($about: String!) {
  whoSaidWhatAbout(about: $about, first: 5) {
    speaker { name type }
    speakerName
    count
    quotes { text kind cue sentiment article { title publishedAt } }
  }
}`,
    variables: JSON.stringify({ about: 'Finland' }, null, 2),
  },
  {
    query: `# A person's quotes, newest first, with what they were about
query PersonsQuotes($name: String!) {
  entity(name: $name) {
    id name aliases mentionCount
    ... on Person {
      roles { title organisation { name } }
      quotes(first: 10) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { text kind about { name type } article { title url } } }
      }
    }
  }
}`,
    variables: JSON.stringify({ name: 'Anna-Kaisa Lehtinen' }, null, 2),
  },
  {
    query: `# The shortest connection between two people, with the evidence of every step
query PathBetweenTwoPeople($from: String!, $to: String!) {
  path(from: $from, to: $to, maxHops: 4) {
    from { name type }
    kind label
    to { name type }
    evidence
    article { title }
  }
}`,
    variables: JSON.stringify({ from: 'Esko Alatalo', to: 'Torstein Aune' }, null, 2),
  },
  {
    query: `# Search (forgiving of case and typos), then what the graph knows around each hit
query Search {
  search(query: "lehtinin", first: 3) {
    id name type mentionCount
    related(first: 5) { weight coMentions entity { name type } relations { type evidence } }
  }
  stats { articles people organisations countries places quotes relations }
}`,
  },
]
