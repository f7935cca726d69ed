import { describe, expect, it } from '@jest/globals'
import { progressDisplay, progressText } from '../../src/cli/progress.js'

function stream(isTTY: boolean, columns = 80) {
  const chunks: string[] = []
  return { chunks, isTTY, columns, write: (text: string) => chunks.push(text) }
}

describe('warm progress', () => {
  it('states modules done/total, the current module and the elapsed time', () => {
    expect(progressText({ done: 12, total: 40, current: 'golang.org/x/mod@v0.20.0', elapsedMs: 3210 })).toBe(
      'warm: 12/40 modules · golang.org/x/mod@v0.20.0 · 3.2 s'
    )
    expect(progressText({ done: 3, elapsedMs: 0 })).toBe('warm: 3 modules · 0.0 s')
  })

  it('on a terminal rewrites one line in place, cut to the width, and clears it at the end', () => {
    const out = stream(true, 30)
    const display = progressDisplay(out, { now: () => 0 })
    display.update({ done: 1, total: 2, current: 'example.test/a-very-long-module-name@v1.0.0', elapsedMs: 100 })
    display.update({ done: 2, total: 2, elapsedMs: 200 })
    display.finish()
    display.finish()
    expect(out.chunks.every(c => c.startsWith('\r\u001b[K'))).toBe(true)
    expect(out.chunks.join('')).not.toContain('\n')
    expect(out.chunks[0].length - '\r\u001b[K'.length).toBeLessThanOrEqual(29)
    expect(out.chunks.at(-1)).toBe('\r\u001b[K')
    expect(out.chunks.filter(c => c === '\r\u001b[K')).toHaveLength(1)
  })

  it('steps aside for a log message and comes back', () => {
    const out = stream(true)
    const display = progressDisplay(out, { now: () => 0 })
    display.update({ done: 1, total: 3, elapsedMs: 0 })
    display.guard.before()
    out.write('warning: something\n')
    display.guard.after()
    display.finish()
    expect(out.chunks).toEqual([
      '\r\u001b[Kwarm: 1/3 modules · 0.0 s',
      '\r\u001b[K',
      'warning: something\n',
      '\r\u001b[Kwarm: 1/3 modules · 0.0 s',
      '\r\u001b[K'
    ])
  })

  it('elsewhere prints plain lines: at most one per interval, always the last one, no control characters', () => {
    const out = stream(false)
    let clock = 0
    const display = progressDisplay(out, { now: () => clock, plainEveryMs: 1000 })
    for (let done = 1; done <= 10; done++) {
      clock += 300
      display.update({ done, total: 10, elapsedMs: clock })
    }
    display.finish()
    expect(out.chunks).toEqual([
      'warm: 1/10 modules · 0.3 s\n',
      'warm: 5/10 modules · 1.5 s\n',
      'warm: 9/10 modules · 2.7 s\n',
      'warm: 10/10 modules · 3.0 s\n'
    ])
  })
})
