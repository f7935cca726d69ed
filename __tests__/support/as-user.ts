/**
 * Runs a process as a non-root user, as GitHub's runners run every step (user `runner`). These tests run as root on
 * this machine, and root hides a whole class of failures: GNU tar, as root, removes a file in a read-only directory
 * before extracting over it; as any other user the removal fails and tar reports "Cannot open: File exists". The user
 * is a bare uid/gid (no /etc/passwd entry is needed or written); node's spawn drops root's groups with it. A suite
 * that does not start as root (GitHub's runners) already is such a user: its runs are its own.
 */
import { spawn } from 'node:child_process'
import { chownSync, lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** True when this process may switch users: it runs as root (this machine; .ci/run). */
export function canSwitchUser(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

/**
 * The uid (= gid) the non-root runs use: a bare unused id when the tests run as root; undefined when they do not
 * (GitHub's runners: the process already is the non-root user the runs need, and runs them as itself; Windows has
 * no uids).
 */
export const RUNNER_UID: number | undefined = canSwitchUser() ? 64123 : undefined
export const RUNNER_GID: number | undefined = RUNNER_UID

/** chown -R to the runner user, leaving every mode as it is (go's read-only module cache stays read-only). */
export function chownToRunner(path: string): void {
  if (RUNNER_UID === undefined) return // not root: everything is this process's, the runner user's, already
  const stat = lstatSync(path)
  if (stat.isSymbolicLink()) return
  chownSync(path, RUNNER_UID, RUNNER_UID)
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
  if (options.asRoot && !canSwitchUser()) {
    throw new Error('A run as root needs the tests to start as root (see rootOnly in support/platform.ts)')
  }
  return new Promise(resolve => {
    const child = spawn(command, [...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.asRoot || RUNNER_UID === undefined ? {} : { uid: RUNNER_UID, gid: RUNNER_UID })
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
