/**
 * Runs a process as a non-root user, as GitHub's runners run every step (user `runner`). These tests run as root on
 * this machine, and root hides a whole class of failures: GNU tar, as root, removes a file in a read-only directory
 * before extracting over it; as any other user the removal fails and tar reports "Cannot open: File exists". The user
 * is a bare uid/gid (no /etc/passwd entry is needed or written); node's spawn drops root's groups with it.
 */
import { spawn } from 'node:child_process'
import { chownSync, lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The uid and gid the non-root runs use (any unused id works). */
export const RUNNER_UID = 64123
export const RUNNER_GID = 64123

/** True when this process may switch users (the non-root tests need root to start them, and fail loudly without). */
export function canSwitchUser(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

/** chown -R to the runner user, leaving every mode as it is (go's read-only module cache stays read-only). */
export function chownToRunner(path: string): void {
  const stat = lstatSync(path)
  if (stat.isSymbolicLink()) return
  chownSync(path, RUNNER_UID, RUNNER_GID)
  if (stat.isDirectory()) for (const name of readdirSync(path)) chownToRunner(join(path, name))
}

export interface UserRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `command args` as the runner user (or as root with `asRoot`), bounded by `timeoutMs`. */
export function runAsUser(
  command: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd?: string; asRoot?: boolean; timeoutMs?: number }
): Promise<UserRun> {
  if (!options.asRoot && !canSwitchUser()) {
    throw new Error('The non-root runs need the tests to start as root (to switch to the runner uid)')
  }
  return new Promise(resolve => {
    const child = spawn(command, [...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.asRoot ? {} : { uid: RUNNER_UID, gid: RUNNER_GID })
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', error => {
      clearTimeout(timer)
      resolve({ code: null, stdout, stderr: stderr + String(error) })
    })
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
