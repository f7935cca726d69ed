/**
 * Text from outside the action (a proxy's error text, go quoting one, a value from the job) made inert for the job
 * summary's markdown (pure): whatever it holds renders as the characters it is, never as a link, an image, HTML, a
 * comment that hides the rest of the summary, emphasis or a table cell boundary.
 *
 * - `&`, `<`, `>` become entities: no tag, no `<!--`, no autolink in angle brackets;
 * - markdown's punctuation is backslash-escaped (`[`, `]` and `!` suffice against `[text](url)` and `![img](url)`;
 *   parentheses stay as they are): no link, image, emphasis, code, heading or cell boundary;
 * - bare URLs (`scheme://`, `www.`) get a zero-width space (as an entity) after the scheme or the `www`, so that
 *   GitHub's autolinking does not turn them into links; the text still reads the same;
 * - line breaks become spaces (a caller that wants lines splits first).
 */
export function inertMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]!#~|]/g, c => `\\${c}`)
    .replace(/:\/\//g, ':&#8203;//')
    .replace(/\bwww\./gi, m => `${m.slice(0, 3)}&#8203;.`)
}
