// Imported first by `npm start` (serve.ts): NODE_ENV is production unless it was given. graphql reads it once,
// when it loads, and outside production its \`instanceOf\` (every isListType / isNonNullType of the executor,
// several per field of an answer) looks up the class name of every value that is not an instance: 3.5% of
// the API's CPU on a whoSaidWhatAbout answer of 100 quotes (issue 13, docs/performance.md). It also picks
// GraphQL Armor's production build. Errors are masked as before (yoga's maskedErrors is given isDev: false).
// Tests run with NODE_ENV=test (vitest), which stays.
process.env.NODE_ENV ??= 'production'
