/**
 * Simple markdown for the help centre's answers, rendered safely: the text is escaped first, so
 * nothing the author typed becomes HTML; then paragraphs, line breaks, `- ` and `1. ` lists,
 * `**bold**` and `` `code` `` are turned into the few tags that stand for them. No links, no images,
 * no raw HTML.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

function inline(escaped: string): string {
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
}

export function renderSimpleMarkdown(text: string | null | undefined): string {
  if (!text) return ''
  const blocks: string[] = []
  let list: { ordered: boolean; items: string[] } | null = null
  let paragraph: string[] = []
  const flushParagraph = () => {
    if (paragraph.length) blocks.push(`<p>${paragraph.map((line) => inline(escapeHtml(line))).join('<br>')}</p>`)
    paragraph = []
  }
  const flushList = () => {
    if (list) {
      const tag = list.ordered ? 'ol' : 'ul'
      blocks.push(`<${tag}>${list.items.map((item) => `<li>${inline(escapeHtml(item))}</li>`).join('')}</${tag}>`)
    }
    list = null
  }
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd()
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line)
    const numbered = /^\s*\d+[.、)]\s*(.*)$/.exec(line)
    if (bullet || numbered) {
      flushParagraph()
      const ordered = !bullet
      if (list && list.ordered !== ordered) flushList()
      if (!list) list = { ordered, items: [] }
      list.items.push((bullet ?? numbered)![1])
    } else if (line.trim() === '') {
      flushParagraph()
      flushList()
    } else {
      flushList()
      paragraph.push(line)
    }
  }
  flushParagraph()
  flushList()
  return blocks.join('')
}
