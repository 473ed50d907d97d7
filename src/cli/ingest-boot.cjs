// The ingest command's entry point (`npm run ingest`, the benches' runIngest): src/cli/ingest.ts through tsx's require
// hook, as the extraction workers are started (src/ingest/pool.ts). Not `node --import tsx`: on Node 20 tsx's ESM
// hooks run in a loader thread of their own, one more V8 isolate in the ingest process for its whole run (~25 MB of
// RSS; docs/memory.md, "What the peak is made of"). `node --import tsx src/cli/ingest.ts` works the same otherwise.
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS entry point */
require('tsx/cjs/api').register()
require('./ingest.ts')
