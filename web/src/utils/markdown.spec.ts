import { describe, expect, it } from 'vitest'
import { renderSimpleMarkdown } from './markdown'

describe('simple markdown', () => {
  it('renders paragraphs, lists, bold and code', () => {
    expect(renderSimpleMarkdown('第一行\n第二行\n\n1. 安装\n2. **登录**\n\n- `vpn` 客户端')).toBe(
      '<p>第一行<br>第二行</p><ol><li>安装</li><li><strong>登录</strong></li></ol><ul><li><code>vpn</code> 客户端</li></ul>',
    )
  })

  it('never lets the author write HTML', () => {
    const html = renderSimpleMarkdown('<img src=x onerror=alert(1)> **<script>x</script>**')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<script')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('renders nothing for nothing', () => {
    expect(renderSimpleMarkdown(null)).toBe('')
  })
})
