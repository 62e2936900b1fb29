/**
 * Widths of table columns from what they show, so that a header is never broken inside a word
 * ("Importanc e") or squeezed under its sort arrows, in either language. Estimates of the default
 * Element Plus table font (14 px): a CJK character about 14 px, a Latin capital 9, other Latin
 * characters 7.5, a space 4; a cell adds 12 px of padding on each side, a sortable header 24 px of
 * arrows.
 */

const CELL_PADDING = 24
const SORT_CARET = 24
const BOLD = 1.05

/** The width of a text in px, as the table font draws it (an estimate that errs on the wide side). */
export function textWidth(text: string): number {
  let width = 0
  for (const ch of text) {
    if (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch)) width += 14
    else if (ch === ' ') width += 4
    else if (/[A-Z]/.test(ch)) width += 10
    else if (/[il.,:;'|!]/.test(ch)) width += 4
    else width += 8
  }
  return Math.ceil(width)
}

/**
 * The widest line of a label broken between words into at most two lines (the label itself when
 * it has a single word, as Chinese labels do).
 */
export function twoLineWidth(label: string): number {
  const words = label.trim().split(/\s+/)
  let best = textWidth(label)
  for (let i = 1; i < words.length; i++) {
    best = Math.min(best, Math.max(textWidth(words.slice(0, i).join(' ')), textWidth(words.slice(i).join(' '))))
  }
  return best
}

/**
 * The width a column needs for its header on one line (with the sort arrows when sortable), and
 * at least `min` (what its cells need). With `wrap`, the header may take two lines, broken between
 * words ("Technical / contractor"): for a wide table whose English headers would not fit at 1366 px.
 */
export function headerWidth(label: string, options: { sortable?: boolean; min?: number; wrap?: boolean } = {}): number {
  // headers are bold: a few per cent wider than the cells' text
  const text = Math.ceil((options.wrap ? twoLineWidth(label) : textWidth(label)) * BOLD)
  const needed = text + CELL_PADDING + (options.sortable ? SORT_CARET : 0) + 2
  return Math.max(options.min ?? 0, needed)
}
