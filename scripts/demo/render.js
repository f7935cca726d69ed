/**
 * Shows on a terminal what GitHub shows in the browser: the step log with its workflow commands (::group::,
 * ::warning::, ...) rendered as the log viewer does, and the job summary's markdown as plain aligned text.
 */

/**
 * ANSI styles, or the identity when colour is off.
 * @param {boolean} enabled
 */
export function styles(enabled) {
  const wrap = (open, close) => text => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text)
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39)
  }
}

/** Undoes the escaping of workflow command data (`%25`, `%0D`, `%0A`) and properties (also `%3A`, `%2C`). */
function unescapeData(text) {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
}

/**
 * Renders the action's stdout as GitHub's log viewer shows it: groups as titled, indented blocks (collapsed on
 * GitHub), annotations as labelled lines, ::debug:: lines hidden (GitHub hides them unless debug logging is on),
 * ::add-mask:: consumed.
 * @param {string} stdout
 * @param {ReturnType<typeof styles>} style
 * @returns {{ lines: string[], hiddenDebug: number }}
 */
export function renderLog(stdout, style) {
  const lines = []
  let indent = ''
  let hiddenDebug = 0
  const labels = { error: style.red('Error'), warning: style.yellow('Warning'), notice: style.cyan('Notice') }
  for (const line of stdout.replace(/\r?\n$/, '').split(/\r?\n/)) {
    const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!command) {
      lines.push((indent + line).trimEnd())
      continue
    }
    const [, name, props = '', data] = command
    const message = unescapeData(data)
    if (name === 'group') {
      lines.push(`${indent}${style.bold(`▾ ${message}`)}`)
      indent = '  │ '
    } else if (name === 'endgroup') {
      indent = ''
    } else if (name in labels) {
      const file = /(?:^|,)file=([^,]*)/.exec(props)
      const where = file ? ` (${unescapeData(file[1])})` : ''
      const [first, ...rest] = message.split('\n')
      lines.push(`${indent}${labels[name]}${where}: ${first}`, ...rest.map(l => `${indent}    ${l}`))
    } else if (name === 'debug') {
      hiddenDebug++
    } else if (name !== 'add-mask') {
      lines.push(indent + line)
    }
  }
  return { lines, hiddenDebug }
}

/** Inline markdown: code spans, bold, italics, links; escaped pipes. */
function inline(text, style) {
  return text
    .replace(/\\\|/g, '|')
    .replace(/\*\*([^*]+)\*\*/g, (_a, t) => style.bold(t))
    .replace(/`([^`]*)`/g, (_a, t) => style.cyan(t))
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,])/g, '$1$2')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')
}

/** Cells of a markdown table row, splitting on pipes that are not escaped. */
function cells(row) {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '')
  return inner.split(/(?<!\\)\|/).map(c => c.trim())
}

// eslint-disable-next-line no-control-regex
const visible = text => text.replace(/\u001b\[[0-9;]*m/g, '').length

/**
 * Renders GitHub-flavoured markdown (the subset the job summary uses) as text: headings, aligned tables, alerts,
 * quotes, lists, <details>.
 * @param {string} markdown
 * @param {ReturnType<typeof styles>} style
 * @returns {string[]}
 */
export function renderMarkdown(markdown, style) {
  const out = renderBlocks(markdown, style)
  // One blank line between blocks, none at the end (tags such as <details> leave empty lines behind).
  return out
    .filter((line, i) => line.trim() !== '' || (i > 0 && out[i - 1].trim() !== ''))
    .join('\n')
    .trimEnd()
    .split('\n')
}

function renderBlocks(markdown, style) {
  const out = []
  const lines = markdown.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (/^\s*\|/.test(line)) {
      const rows = []
      for (; i < lines.length && /^\s*\|/.test(lines[i]); i++) {
        if (!/^\s*\|?\s*:?-{3,}/.test(lines[i])) rows.push(cells(lines[i]).map(c => inline(c, style)))
      }
      i--
      const widths = rows[0].map((_c, col) => Math.max(...rows.map(r => visible(r[col] ?? ''))))
      rows.forEach((row, r) => {
        const text = row
          .map((c, col) => (col === row.length - 1 ? c : c + ' '.repeat(widths[col] - visible(c))))
          .join('  ')
        out.push(`  ${r === 0 ? style.bold(text) : text}`.trimEnd())
      })
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const title = inline(heading[2], style)
      out.push(style.bold(title), (heading[1].length <= 2 ? '=' : '-').repeat(visible(title)))
      continue
    }
    const alert = /^>\s*\[!(\w+)\]\s*$/.exec(line)
    if (alert) {
      out.push(`  ${style.bold(alert[1])}:`)
      continue
    }
    if (/^>/.test(line)) {
      out.push(`  │ ${inline(line.replace(/^>\s?/, ''), style)}`)
      continue
    }
    const summary = /<summary>(.*?)<\/summary>/.exec(line)
    if (summary) {
      out.push(`▸ ${inline(summary[1], style)}`)
      continue
    }
    const text = line.replace(/<\/?(details|summary|br|p)\s*\/?>/g, '')
    if (text.trim() === '' && line.trim() !== '') continue
    out.push(inline(text.replace(/^(\s*)[-*] /, '$1• '), style))
  }
  return out
}

/**
 * The `probe-report` output as an aligned table (the same columns as the action's log table).
 * @param {string} json
 * @param {ReturnType<typeof styles>} style
 */
export function renderProbeReport(json, style) {
  const report = JSON.parse(json)
  const support = { yes: 'proxied', no: 'not proxied', error: 'error', 'not asked': '-' }
  const rows = [['position', 'proxy', 'median', 'checksum DB', 'result']]
  for (const p of report.proxies) {
    rows.push([
      p.position === null ? 'dropped' : String(p.position),
      p.url,
      p.medianMs === null ? '-' : `${p.medianMs} ms`,
      support[p.sumdbSupport] ?? p.sumdbSupport,
      p.message
    ])
  }
  const widths = rows[0].map((_c, col) => Math.max(...rows.map(r => r[col].length)))
  const lines = rows.map((row, r) => {
    const text = row.map((c, col) => (col === row.length - 1 ? c : c.padEnd(widths[col]))).join('  ')
    if (r === 0) return style.bold(text)
    return row[0] === 'dropped' ? style.red(text) : style.green(text)
  })
  lines.push(
    '',
    `Deadline ${report.timeoutMs} ms, used ${report.elapsedMs} ms; probe module ${report.module}; order ${report.order}.`,
    `Checksum database ${report.sumdb.name || '(off)'}: ${report.sumdb.status}, ${report.sumdb.message}`,
    `Chain: ${report.chain}`
  )
  return lines
}
