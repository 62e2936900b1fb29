import { describe, expect, it } from 'vitest'
import { checkBeforeUpload, formatSize, pastedName } from './useAttachments'

describe('attachments', () => {
  it('tell sizes as people read them', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(12_800)).toBe('12.5 KB')
    expect(formatSize(20 * 1024 * 1024)).toBe('20.0 MB')
  })

  it('refuse a file plainly too large or empty before sending it', () => {
    expect(checkBeforeUpload(new File([new Uint8Array(10)], 'a.png'))).toBeNull()
    expect(checkBeforeUpload(new File([], 'empty.txt'))).toContain('empty.txt')
    const large = new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.png')
    expect(checkBeforeUpload(large)).toContain('big.png')
  })

  it('name a pasted screenshot after its time', () => {
    const file = new File([new Uint8Array(1)], 'image.png', { type: 'image/png' })
    expect(pastedName(file, new Date(2026, 11, 6, 9, 5, 7))).toMatch(/-20261206-090507\.png$/)
  })
})
