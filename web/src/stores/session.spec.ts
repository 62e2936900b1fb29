import { beforeEach, describe, expect, it } from 'vitest'
import { mayFollowRedirect, rememberRedirectOwner } from './session'

describe('the sign-in redirect', () => {
  beforeEach(() => sessionStorage.clear())

  it('is followed when no ended session left it (a deep link)', () => {
    expect(mayFollowRedirect('zhangsan')).toBe(true)
  })

  it('is followed by the user whose session ended there, whatever the case of the name', () => {
    rememberRedirectOwner('ZhangSan')
    expect(mayFollowRedirect('zhangsan')).toBe(true)
  })

  it('is not followed by somebody else, and is forgotten once asked', () => {
    rememberRedirectOwner('zhangsan')
    expect(mayFollowRedirect('lisi')).toBe(false)
    expect(mayFollowRedirect('lisi')).toBe(true)
  })
})
