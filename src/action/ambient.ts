import { readAmbient as readAmbientIn, type AmbientReading } from '../settings/ambient.js'

/**
 * What the job already has (see settings/ambient.ts), read from this process's environment and working directory,
 * as later steps' go commands will see them.
 */
export function readAmbient(
  go: string | undefined,
  needGoproxy: boolean,
  env: NodeJS.ProcessEnv = process.env
): Promise<AmbientReading> {
  return readAmbientIn(go, needGoproxy, env, process.cwd())
}
