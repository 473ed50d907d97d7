// Three projects: unit tests (pure code, no database), integration tests (a real Neo4j, started by
// test/global-setup.ts unless NEO4J_URI points at one) and browser tests (the same Neo4j, plus
// Debian's Chromium: test/browser/).
//
// Vitest runs the unit files first (as many at once as the unit project has workers), then the
// integration and browser files one at a time (fileParallelism: false). The global setup starts the
// one Neo4j of both projects in the background, so it starts while the unit files run;
// test/support/neo4j-ready.ts makes each integration and browser file wait until it answers.
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        // at least two workers: Vitest's default (one less than the cores) is one on a 2-core machine,
        // which leaves a core idle while the unit files run
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000, maxWorkers: Math.max(2, availableParallelism() - 1) },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/support/neo4j-ready.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // pages in Debian's headless Chromium (playwright-core, no browser download) over the same throwaway Neo4j
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/support/neo4j-ready.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
