/**
 * The warm phase's last step, pure: what one `go mod download -json` run of a module set amounts to — which
 * modules it downloaded or found cached, and a table of failures, each with its diagnosis (../diagnose.ts) and
 * the go.mod to annotate. The shell passes what it observed (the run, the set's go.mod texts as read at the
 * start, which module files were written during the phase) and redacts texts before they get here.
 */
import { deadlineMarker, diagnose, stallMarker, type Diagnosis } from './diagnose.js'
import type { ModuleDownload } from './download-json.js'
import type { Wording } from '../host/wording.js'

/** One module (or module set) that could not be downloaded. */
export interface WarmFailure {
  path: string
  version?: string
  /** The go command's message (credentials redacted, the forwarder's address replaced by `[forwarder]`). */
  error: string
  diagnosis: Diagnosis
  /** The module set's directory as shown (relative to cwd). */
  directory: string
  /** The go.mod (or go.work) that requires the module, relative to cwd: where the annotation goes. */
  goMod?: string
}

/** A module set as the judge sees it: labels as shown, go.mod texts as read. */
export interface JudgedSet {
  /** The set's directory as shown (relative to cwd). */
  readonly shown: string
  /** The go.work as shown, for a workspace. */
  readonly goWork?: string
  /** Each go.mod of the set, as shown, with its text (undefined when unreadable). */
  readonly goMods: readonly { readonly shown: string; readonly text: string | undefined }[]
}

/** How one run of go ended (the go runner's result, texts already redacted). */
export interface RunFacts {
  readonly objects: readonly ModuleDownload[]
  readonly stderr: string
  /** Exit code; null when killed or not started. */
  readonly code: number | null
  readonly killed?: 'stall' | 'deadline'
  /** Why go could not be started (ENOENT, EACCES). */
  readonly spawnError?: string
}

/** What the verdict needs beyond the run. */
export interface JudgeContext {
  /** The go binary, for "could not start". */
  readonly go: string
  readonly stallSeconds: number
  readonly timeoutSeconds: number
  /** Redacts a text of go's (credentials, the forwarder's address). */
  readonly clean: (text: string) => string
  /** Whether the module's files were written during this phase (else they were cached already). */
  readonly fetched: (object: ModuleDownload) => boolean
  /** The host's words for the diagnoses; the action's when not given. */
  readonly words?: Wording
}

/** The verdict on one run. */
export interface RunVerdict {
  /** `path@version` → what happened to it in this run. */
  readonly modules: ReadonlyMap<string, 'downloaded' | 'cached'>
  readonly failures: readonly WarmFailure[]
}

/** Judges one run of go for `set`. */
export function judgeRun(run: RunFacts, set: JudgedSet, ctx: JudgeContext): RunVerdict {
  const modules = new Map<string, 'downloaded' | 'cached'>()
  const failures: WarmFailure[] = []
  for (const object of run.objects) {
    if (object.Error) {
      const error = ctx.clean(object.Error)
      const version = object.Version ? { version: object.Version } : {}
      failures.push({
        path: object.Path,
        ...version,
        error,
        diagnosis: diagnose(error, { module: object.Path, ...version, ...(ctx.words ? { words: ctx.words } : {}) }),
        directory: set.shown,
        ...requiringGoMod(set, object.Path)
      })
      continue
    }
    modules.set(`${object.Path}@${object.Version ?? ''}`, ctx.fetched(object) ? 'downloaded' : 'cached')
  }
  if (run.spawnError) {
    failures.push(setFailure(set, `could not start ${ctx.go}: ${run.spawnError}`, ctx.words))
  } else if (run.killed) {
    const marker = run.killed === 'stall' ? stallMarker(ctx.stallSeconds) : deadlineMarker(ctx.timeoutSeconds)
    const stderr = run.stderr.trim()
    failures.push(setFailure(set, `${marker}${stderr ? `\n${ctx.clean(stderr)}` : ''}`, ctx.words))
  } else if (run.code !== 0 && failures.length === 0) {
    failures.push(
      ...stderrFailures(set, ctx.clean(run.stderr.trim() || `go mod download exited with ${run.code}`), ctx.words)
    )
  }
  return { modules, failures }
}

/** The failure of a whole set (a stall, the deadline, go not starting), or of the module its text names. */
export function setFailure(set: JudgedSet, text: string, words?: Wording): WarmFailure {
  const diagnosis = diagnose(text, words ? { words } : {})
  const path = diagnosis.module ?? mainModule(set) ?? set.shown
  return {
    path,
    ...(diagnosis.version ? { version: diagnosis.version } : {}),
    error: text,
    diagnosis,
    directory: set.shown,
    ...(diagnosis.module ? requiringGoMod(set, diagnosis.module) : fallbackGoMod(set))
  }
}

/** Failures from a fatal stderr (no JSON): one per `go: path@version: ...` block, else one for the whole text. */
function stderrFailures(set: JudgedSet, stderr: string, words?: Wording): WarmFailure[] {
  const blocks = stderr.split(/\n(?=go: )/).filter(b => /^go: [^\s@]+@[^\s:]+: /.test(b))
  if (blocks.length === 0) return [setFailure(set, stderr, words)]
  return blocks.map(block => setFailure(set, block, words))
}

function mainModule(set: JudgedSet): string | undefined {
  if (set.goWork || set.goMods.length === 0) return undefined
  const text = set.goMods[0].text
  return text === undefined ? undefined : /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1]
}

/** The go.mod of the set that names the module in a require (or replace) line; else the set's own file. */
function requiringGoMod(set: JudgedSet, modulePath: string): { goMod?: string } {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const line = new RegExp(`(^|[\\s(])"?${escaped}"?\\s+v`, 'm')
  const found = set.goMods.find(m => m.text !== undefined && line.test(m.text))
  return found ? { goMod: found.shown } : fallbackGoMod(set)
}

function fallbackGoMod(set: JudgedSet): { goMod?: string } {
  const file = set.goWork ?? set.goMods[0]?.shown
  return file ? { goMod: file } : {}
}
