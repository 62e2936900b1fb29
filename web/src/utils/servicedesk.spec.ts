import { describe, expect, it } from 'vitest'
import type { SlaTimer, SupportGroup, TicketAction } from '@/api/servicedesk'
import { TIMER_METRICS } from '@/api/servicedesk'
import {
  actionNeeds,
  activeTimers,
  countText,
  dueStatus,
  durationSeconds,
  groupsFor,
  historyActionVerb,
  historyDetail,
  newTicketOf,
  proposedGroup,
  reportedAtProblem,
  shortDateTime,
  spanText,
  tagColumnWidth,
  timerBars,
  timerReason,
  timerStatus,
  type TicketForm,
} from './servicedesk'

const words = {
  days: (n: number) => `${n} 天`,
  hours: (n: number) => `${n} 小时`,
  minutes: (n: number) => `${n} 分钟`,
  moment: '不到 1 分钟',
}

function timer(partial: Partial<SlaTimer>): SlaTimer {
  return { id: 1, metric: 'RESOLUTION', groupId: null, state: 'RUNNING', target: 'PT8H', targetTime: 'PT8H', dueAt: null, elapsed: 'PT0S', breached: false, ...partial }
}

describe('durations', () => {
  it('reads ISO durations as Java writes them', () => {
    expect(durationSeconds('PT8H')).toBe(8 * 3600)
    expect(durationSeconds('PT30M')).toBe(1800)
    expect(durationSeconds('PT1H23M45.5S')).toBe(3600 + 23 * 60 + 45.5)
    expect(durationSeconds('PT0S')).toBe(0)
    expect(durationSeconds('PT-5M')).toBe(-300)
    expect(durationSeconds('PT-1H-30M')).toBe(-5400)
    expect(durationSeconds('-PT2H')).toBe(-7200)
    expect(durationSeconds('P1DT2H')).toBe(26 * 3600)
    expect(durationSeconds('pt2h')).toBe(7200)
  })

  it('answers null for nothing and for text that is no duration', () => {
    expect(durationSeconds(null)).toBeNull()
    expect(durationSeconds('')).toBeNull()
    expect(durationSeconds('P')).toBeNull()
    expect(durationSeconds('PT')).toBeNull()
    expect(durationSeconds('8 hours')).toBeNull()
  })

  it('says a span in words with at most two units, rounded down to the minute', () => {
    expect(spanText(20, words)).toBe('不到 1 分钟')
    expect(spanText(0, words)).toBe('0 分钟')
    expect(spanText(59 * 60 + 59, words)).toBe('59 分钟')
    expect(spanText(80 * 60, words)).toBe('1 小时 20 分钟')
    expect(spanText(2 * 3600, words)).toBe('2 小时')
    expect(spanText(-(3 * 86400 + 5 * 3600 + 7 * 60), words)).toBe('3 天 5 小时')
    expect(spanText(2 * 86400, words)).toBe('2 天')
    // working time: no days, a working day is not 24 hours
    expect(spanText(26 * 3600 + 60, words, { days: false })).toBe('26 小时 1 分钟')
  })
})

describe('due countdowns', () => {
  const now = Date.parse('2026-12-07T08:00:00Z')

  it('is orange within two hours, red once breached or past, green before', () => {
    expect(dueStatus('2026-12-07T12:00:00Z', false, now)).toEqual({ urgency: 'ok', seconds: 4 * 3600 })
    expect(dueStatus('2026-12-07T10:00:00Z', false, now)).toEqual({ urgency: 'soon', seconds: 2 * 3600 })
    expect(dueStatus('2026-12-07T10:00:01Z', false, now).urgency).toBe('ok')
    expect(dueStatus('2026-12-07T07:30:00Z', false, now)).toEqual({ urgency: 'breached', seconds: -1800 })
    // the server's word counts even when the next due time lies ahead (another clock breached)
    expect(dueStatus('2026-12-07T12:00:00Z', true, now).urgency).toBe('breached')
  })

  it('has no countdown without a due time, unless breached', () => {
    expect(dueStatus(null, false, now)).toEqual({ urgency: 'none', seconds: 0 })
    expect(dueStatus(null, true, now)).toEqual({ urgency: 'breached', seconds: 0 })
  })
})

describe('SLA timers', () => {
  it('turns orange in the last quarter of the target and red once over it', () => {
    expect(timerStatus(timer({ elapsed: 'PT2H' })).urgency).toBe('ok')
    expect(timerStatus(timer({ elapsed: 'PT6H' })).urgency).toBe('warning')
    expect(timerStatus(timer({ elapsed: 'PT5H59M' })).urgency).toBe('ok')
    const over = timerStatus(timer({ elapsed: 'PT9H30M', breached: true }))
    expect(over.urgency).toBe('breached')
    expect(over.remaining).toBe(-5400)
    expect(timerStatus(timer({ elapsed: 'PT1H', breached: true })).urgency).toBe('breached')
  })

  it('shows running and paused timers, most urgent first', () => {
    const timers = [
      timer({ id: 1, metric: 'RESPONSE', state: 'STOPPED' }),
      timer({ id: 2, metric: 'RESOLUTION', elapsed: 'PT1H' }),
      timer({ id: 3, metric: 'DISPATCH', targetTime: 'PT30M', elapsed: 'PT25M' }),
      timer({ id: 4, metric: 'GROUP', groupId: 7, state: 'PAUSED', targetTime: 'PT4H', elapsed: 'PT5H', breached: true }),
    ]
    expect(activeTimers(timers).map((t) => t.id)).toEqual([4, 3, 2])
    expect(activeTimers(null)).toEqual([])
  })

  it('gives the chart one bar pair per timer, group clocks side by side at the end', () => {
    const bars = timerBars(
      [
        timer({ id: 9, metric: 'GROUP', groupId: 2, targetTime: 'PT4H', elapsed: 'PT1H30M' }),
        timer({ id: 8, metric: 'GROUP', groupId: 1, targetTime: 'PT4H', elapsed: 'PT5H', breached: true }),
        timer({ id: 1, metric: 'RESPONSE', targetTime: 'PT30M', elapsed: 'PT10M', state: 'STOPPED' }),
      ],
      TIMER_METRICS,
    )
    expect(bars.map((b) => [b.metric, b.groupId, b.elapsedHours, b.targetHours, b.urgency])).toEqual([
      ['RESPONSE', null, 0.17, 0.5, 'ok'],
      ['GROUP', 1, 5, 4, 'breached'],
      ['GROUP', 2, 1.5, 4, 'ok'],
    ])
  })
})

describe('action dialogs', () => {
  const confirmations: TicketAction[] = ['accept', 'respond', 'start', 'resume', 'close']

  it('only ask for a confirmation where the action needs nothing', () => {
    for (const action of confirmations) expect(actionNeeds(action, 'INCIDENT').confirmOnly, action).toBe(true)
    expect(actionNeeds('dispatch', 'INCIDENT').confirmOnly).toBe(false)
  })

  it('ask for a group and an assignee to dispatch', () => {
    expect(actionNeeds('dispatch', 'SERVICE_REQUEST')).toMatchObject({ group: 'any', assignee: true, comment: 'optional' })
  })

  it('ask for a comment and a second-line group to escalate, only the comment for complaints', () => {
    expect(actionNeeds('escalate', 'INCIDENT')).toMatchObject({ comment: 'required', group: 'secondLine', assignee: true })
    expect(actionNeeds('escalate', 'COMPLAINT')).toMatchObject({ comment: 'required', group: 'none', assignee: false })
  })

  it('ask for a comment to pause, hand back, give feedback and reopen, and how the second line helped to hand back', () => {
    for (const action of ['pause', 'hand-back', 'feedback', 'reopen'] as const) {
      expect(actionNeeds(action, 'INCIDENT'), action).toMatchObject({ comment: 'required', group: 'none', confirmOnly: false })
    }
    expect(actionNeeds('hand-back', 'INCIDENT').supportMode).toBe('required')
    expect(actionNeeds('pause', 'INCIDENT').supportMode).toBe('none')
  })

  it("propose the ticket's group to dispatch, else its catalogue item's default group while it is enabled", () => {
    const groups = [
      { id: 1, name: '一线', line: 1, enabled: true },
      { id: 2, name: '账号组', line: 1, enabled: true },
      { id: 3, name: '停用组', line: 1, enabled: false },
    ] as unknown as SupportGroup[]
    expect(proposedGroup('dispatch', { group: { id: 1 }, form: { defaultGroupId: 2 } }, groups)).toBe(1)
    expect(proposedGroup('dispatch', { group: null, form: { defaultGroupId: 2 } }, groups)).toBe(2)
    expect(proposedGroup('dispatch', { group: null, form: { defaultGroupId: 3 } }, groups)).toBeNull()
    expect(proposedGroup('dispatch', { group: null, form: null }, groups)).toBeNull()
    expect(proposedGroup('escalate', { group: null, form: { defaultGroupId: 2 } }, groups)).toBeNull()
  })

  it('read how the second line helped from a hand-back in the history', () => {
    expect(historyDetail({ detailKey: 'ticket.history.handedBack', detailArgs: 'ONSITE' })).toEqual({ kind: 'handedBack', mode: 'ONSITE' })
    expect(historyDetail({ detailKey: 'ticket.history.handedBack', detailArgs: 'FAX' })).toEqual({ kind: 'handedBack', mode: null })
  })

  it('ask for a solution, and a cause for incidents, to resolve', () => {
    expect(actionNeeds('resolve', 'INCIDENT')).toMatchObject({ solution: 'required', cause: 'required', resolutionCategory: 'optional' })
    expect(actionNeeds('resolve', 'CONSULTATION')).toMatchObject({ solution: 'required', cause: 'optional' })
  })

  it('ask for stars and an optional comment to rate', () => {
    expect(actionNeeds('rate', 'INCIDENT')).toMatchObject({ rating: 'required', comment: 'optional' })
  })

  it('offer enabled groups, second-line ones only for escalations', () => {
    const group = (id: number, line: 1 | 2, enabled = true): SupportGroup => ({ id, name: `G${id}`, line, organisationId: 1, leadId: null, enabled, version: 0, memberIds: [], members: [] })
    const groups = [group(1, 2), group(2, 1), group(3, 1, false)]
    expect(groupsFor(actionNeeds('dispatch', 'INCIDENT'), groups).map((g) => g.id)).toEqual([2, 1])
    expect(groupsFor(actionNeeds('escalate', 'INCIDENT'), groups).map((g) => g.id)).toEqual([1])
    expect(groupsFor(actionNeeds('pause', 'INCIDENT'), groups)).toEqual([])
  })
})

describe('the create form', () => {
  const now = Date.parse('2026-12-07T08:00:00Z')

  it('refuses a reported time in the future or more than 30 days back', () => {
    expect(reportedAtProblem(new Date(now), now)).toBeNull()
    expect(reportedAtProblem(new Date(now + 30_000), now)).toBeNull()
    expect(reportedAtProblem(new Date(now + 5 * 60_000), now)).toBe('future')
    expect(reportedAtProblem(new Date(now - 29 * 86_400_000), now)).toBeNull()
    expect(reportedAtProblem(new Date(now - 31 * 86_400_000), now)).toBe('tooEarly')
    expect(reportedAtProblem(null, now)).toBe('required')
  })

  const base: TicketForm = {
    type: 'INCIDENT',
    faultLevel: 2,
    title: ' 办案系统无法登录 ',
    description: '  ',
    caller: 'contact',
    requesterId: 5,
    contactName: '张科长',
    contactPhone: '13800000000',
    contactUnit: '',
    businessSystemId: 12,
    ciIds: [31],
    channel: 'HOTLINE',
    reportedAt: new Date('2026-12-07T01:05:00Z'),
    onSiteRequired: false,
    acceptNow: true,
  }

  it('sends a contact without an account', () => {
    expect(newTicketOf(base)).toEqual({
      type: 'INCIDENT',
      channel: 'HOTLINE',
      title: '办案系统无法登录',
      description: null,
      requesterId: null,
      contact: { name: '张科长', phone: '13800000000', unit: null },
      businessSystemId: 12,
      ciIds: [31],
      faultLevel: 2,
      onSiteRequired: false,
      reportedAt: '2026-12-07T01:05:00.000Z',
      acceptNow: true,
    })
  })

  it('sends a requester with an account, with the call-back number when given', () => {
    expect(newTicketOf({ ...base, caller: 'user' })).toMatchObject({ requesterId: 5, contact: { name: null, phone: '13800000000', unit: null } })
    expect(newTicketOf({ ...base, caller: 'user', contactPhone: '' })).toMatchObject({ requesterId: 5, contact: null })
  })

  it('leaves the fault level to the server for other types', () => {
    expect(newTicketOf({ ...base, type: 'CONSULTATION' }).faultLevel).toBeNull()
  })
})

describe('history and timer logs', () => {
  it('reads the details of dispatches, escalations and new levels', () => {
    expect(historyDetail({ detailKey: 'ticket.history.assigned', detailArgs: '3,17' })).toEqual({ kind: 'assigned', groupId: 3, assigneeId: 17 })
    expect(historyDetail({ detailKey: 'ticket.history.assigned', detailArgs: '3,' })).toEqual({ kind: 'assigned', groupId: 3, assigneeId: null })
    expect(historyDetail({ detailKey: 'ticket.history.linked', detailArgs: 'PARENT,GZ-20261206-0001' })).toEqual({ kind: 'linked', role: 'PARENT', number: 'GZ-20261206-0001' })
    expect(historyDetail({ detailKey: 'ticket.history.unlinked', detailArgs: 'RELATED,GZ-20261206-0002' })).toEqual({ kind: 'unlinked', role: 'RELATED', number: 'GZ-20261206-0002' })
    expect(historyDetail({ detailKey: 'ticket.history.escalated', detailArgs: ',' })).toEqual({ kind: 'escalated', fromGroupId: null, fromAssigneeId: null })
    expect(historyDetail({ detailKey: 'ticket.history.relevel', detailArgs: '3,1' })).toEqual({ kind: 'relevel', from: 3, to: 1 })
    expect(historyDetail({ detailKey: 'ticket.history.system', detailArgs: '2,2' })).toEqual({ kind: 'system' })
    expect(historyDetail({ detailKey: null, detailArgs: null })).toBeNull()
    expect(historyDetail({ detailKey: 'ticket.history.unknown', detailArgs: '1' })).toBeNull()
  })

  it('names history actions by their verbs', () => {
    expect(historyActionVerb('HAND_BACK')).toBe('hand-back')
    expect(historyActionVerb('ACCEPT')).toBe('accept')
    expect(historyActionVerb('RELEVEL')).toBeNull()
  })

  it('reads why a timer moved', () => {
    expect(timerReason('action.pause')).toEqual({ kind: 'action', action: 'pause' })
    expect(timerReason('action.hand-back')).toEqual({ kind: 'action', action: 'hand-back' })
    expect(timerReason('relevel.3.1')).toEqual({ kind: 'relevel', from: 3, to: 1 })
    expect(timerReason('comment.public')).toEqual({ kind: 'comment' })
    expect(timerReason('received')).toEqual({ kind: 'received' })
    expect(timerReason('system')).toEqual({ kind: 'system' })
    expect(timerReason('started')).toBeNull()
    expect(timerReason('action.fly')).toBeNull()
    expect(timerReason(null)).toBeNull()
  })
})

describe('table times', () => {
  it('leaves out the year within the current one', () => {
    const now = new Date(2026, 11, 7, 10, 0)
    expect(shortDateTime(new Date(2026, 11, 6, 9, 5).toISOString(), now)).toBe('12-06 09:05')
    expect(shortDateTime(new Date(2025, 11, 31, 23, 59).toISOString(), now)).toBe('2025-12-31')
    expect(shortDateTime(null, now)).toBe('')
  })
})

describe('tag columns', () => {
  it('are as wide as their widest tag needs', () => {
    // CJK: 12 px a character; the tag's padding 18, the cell's 24
    expect(tagColumnWidth(['二线支持中', '挂起'])).toBe(60 + 42)
    expect(tagColumnWidth(['Second line'])).toBeGreaterThan(tagColumnWidth(['First line']))
  })
})

describe('queue counts', () => {
  it('say when the server stopped counting', () => {
    expect(countText(0)).toBe('0')
    expect(countText(10_000)).toBe('10000')
    expect(countText(10_001)).toBe('10000+')
  })
})
