// The launcher's constants and its one error type, shared by scripts/neo4j.ts and its parts in this folder.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
export const PROJECT_ROOT = resolve(HERE, '..', '..')
export const POM_FILE = join(HERE, 'pom.xml')
/** the default instance's folder, and where the resolved classpath is cached for every instance */
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, '.neo4j')
export const DEFAULT_BOLT_PORT = 7687
export const DEFAULT_HTTP_PORT = 7474
export const MAIN_CLASS = 'org.neo4j.server.CommunityEntryPoint'
export const HOST = '127.0.0.1'
export const PID_FILE = 'neo4j.pid'

/** A failure the user can act on, said in one sentence (the CLI prints only the message). */
export class LauncherError extends Error {
  override name = 'LauncherError'
}

export function neo4jVersion(): string {
  return /<neo4j\.version>([^<]+)</.exec(readFileSync(POM_FILE, 'utf8'))?.[1] ?? 'unknown'
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))
