import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  AlertSoundPlayer,
  callsForSound,
  expireMute,
  HEARD_KEY,
  isMuted,
  MUTE_KEY,
  PATTERNS,
  readMute,
  soundFor,
  type AudioContextLike,
  type SoundAlert,
  type SoundStatus,
} from './alertSound'

const firing = (id: number, severity: SoundAlert['severity'], extra: Partial<SoundAlert> = {}): SoundAlert => ({ id, severity, state: 'FIRING', quietReason: null, ...extra })

describe('which alerts call for a sound', () => {
  it('firing, not acknowledged, not quiet, not info', () => {
    expect(callsForSound(firing(1, 'MAJOR'))).toBe(true)
    expect(callsForSound(firing(1, 'MAJOR', { state: 'ACKNOWLEDGED' }))).toBe(false)
    expect(callsForSound(firing(1, 'MAJOR', { quietReason: 'SILENCED' }))).toBe(false)
    expect(callsForSound(firing(1, 'INFO'))).toBe(false)
  })

  it('the most severe one decides; a minor one beeps once while not heard', () => {
    const heard = new Set([3])
    expect(soundFor([firing(1, 'MINOR'), firing(2, 'CRITICAL'), firing(3, 'MAJOR')], heard)).toEqual({ severity: 'CRITICAL', fresh: [1] })
    expect(soundFor([firing(3, 'MAJOR'), firing(4, 'INFO')], heard)).toEqual({ severity: 'MAJOR', fresh: [] })
    expect(soundFor([firing(5, 'MINOR')], heard)).toEqual({ severity: 'MINOR', fresh: [5] })
    expect(soundFor([firing(3, 'MINOR')], heard)).toEqual({ severity: null, fresh: [] })
    expect(soundFor([firing(6, 'INFO'), firing(7, 'CRITICAL', { state: 'ACKNOWLEDGED' })], heard)).toEqual({ severity: null, fresh: [] })
  })

  it('sounds differ by severity: critical high and fast and repeated, major two tones, minor one low beep once', () => {
    const pitch = (s: keyof typeof PATTERNS) => Math.max(...PATTERNS[s].tones.map((t) => t.frequency))
    expect(pitch('CRITICAL')).toBeGreaterThan(pitch('MAJOR'))
    expect(pitch('MAJOR')).toBeGreaterThan(pitch('MINOR'))
    expect(PATTERNS.CRITICAL.tones.length).toBe(4)
    expect(new Set(PATTERNS.MAJOR.tones.map((t) => t.frequency)).size).toBe(2)
    expect(PATTERNS.MINOR.tones.length).toBe(1)
    expect(PATTERNS.CRITICAL.repeatMillis).toBeLessThan(PATTERNS.MAJOR.repeatMillis ?? Infinity)
    expect(PATTERNS.MINOR.repeatMillis).toBeNull()
  })
})

describe('muting', () => {
  it('lasts until switched on, or until its time ran out', () => {
    expect(isMuted({ muted: true, until: null }, 0)).toBe(true)
    expect(isMuted({ muted: false, until: 1000 }, 999)).toBe(true)
    expect(isMuted({ muted: false, until: 1000 }, 1000)).toBe(false)
    expect(expireMute({ muted: false, until: 1000 }, 1000)).toEqual({ muted: false, until: null })
    const state = { muted: false, until: 5000 }
    expect(expireMute(state, 10)).toBe(state)
  })

  it('is read back from the browser, a broken entry as not muted', () => {
    const storage = new Map<string, string>([[MUTE_KEY, JSON.stringify({ muted: false, until: 5000 })]])
    expect(readMute({ getItem: (k) => storage.get(k) ?? null }, 1000)).toEqual({ muted: false, until: 5000 })
    expect(readMute({ getItem: (k) => storage.get(k) ?? null }, 6000)).toEqual({ muted: false, until: null })
    expect(readMute({ getItem: () => '{broken' }, 0)).toEqual({ muted: false, until: null })
    expect(readMute(null, 0)).toEqual({ muted: false, until: null })
  })
})

/** A fake Web Audio context that records the tones scheduled on it. */
class FakeContext implements AudioContextLike {
  state: 'suspended' | 'running'
  currentTime = 0
  destination = {}
  tones: { frequency: number; type: string; start: number; stop: number }[] = []
  resumes = 0
  /** Whether a resume succeeds (the browser allows sound after a user's click). */
  allowed: boolean

  constructor(allowed = true) {
    this.allowed = allowed
    this.state = allowed ? 'running' : 'suspended'
  }

  resume(): Promise<void> {
    this.resumes++
    if (this.allowed) this.state = 'running'
    return Promise.resolve()
  }

  createOscillator() {
    const tone = { frequency: 0, type: '', start: 0, stop: 0 }
    const param = { value: 0, setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined }
    const context = this
    return {
      type: 'sine',
      frequency: {
        ...param,
        set value(v: number) {
          tone.frequency = v
        },
        get value() {
          return tone.frequency
        },
      },
      connect: () => undefined,
      start(at: number) {
        tone.start = at
        tone.type = this.type
        context.tones.push(tone)
      },
      stop(at: number) {
        tone.stop = at
      },
    }
  }

  createGain() {
    return { gain: { value: 1, setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined }, connect: () => undefined }
  }
}

describe('the player', () => {
  let now: number
  let alerts: SoundAlert[]
  let storage: Map<string, string>
  let context: FakeContext
  let statuses: SoundStatus[]

  function player(options: { allowed?: boolean; noAudio?: boolean } = {}): AlertSoundPlayer {
    context = new FakeContext(options.allowed ?? true)
    return new AlertSoundPlayer({
      createContext: () => (options.noAudio ? null : context),
      fetchAlerts: async () => alerts,
      storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
      now: () => now,
      setTimer: (callback, millis) => setTimeout(callback, millis),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      onChange: (s) => statuses.push(s),
    })
  }

  /** Lets the clock run: the fake timers and the time the player reads. */
  async function advance(millis: number): Promise<void> {
    now += millis
    await vi.advanceTimersByTimeAsync(millis)
  }

  const last = () => statuses[statuses.length - 1]
  const beeps = (frequency: number) => context.tones.filter((t) => t.frequency === frequency).length

  beforeEach(() => {
    vi.useFakeTimers()
    now = 1_000_000
    alerts = []
    storage = new Map()
    statuses = []
  })
  afterEach(() => vi.useRealTimers())

  it('repeats the critical pattern every 4 s until the alert is acknowledged', async () => {
    alerts = [firing(1, 'CRITICAL')]
    const p = player()
    p.start()
    await advance(0)
    expect(last()).toMatchObject({ calling: 'CRITICAL', lastPlayed: 'CRITICAL', plays: 1, counts: { CRITICAL: 1, MAJOR: 0, MINOR: 0, INFO: 0 } })
    expect(beeps(1760)).toBe(4)
    await advance(8_000)
    expect(last().plays).toBe(3)
    alerts = [firing(1, 'CRITICAL', { state: 'ACKNOWLEDGED' })]
    await advance(2_000) // the 10 s poll sees it acknowledged
    expect(last().calling).toBeNull()
    const plays = last().plays
    await advance(20_000)
    expect(last().plays).toBe(plays)
    p.stop()
  })

  it('plays the two-tone major call, and switches to critical as soon as one fires', async () => {
    alerts = [firing(1, 'MAJOR')]
    const p = player()
    p.start()
    await advance(0)
    expect(last().lastPlayed).toBe('MAJOR')
    expect(beeps(880)).toBe(1)
    expect(beeps(660)).toBe(1)
    alerts = [firing(1, 'MAJOR'), firing(2, 'CRITICAL')]
    await p.poll()
    expect(last()).toMatchObject({ calling: 'CRITICAL', lastPlayed: 'CRITICAL' })
    p.stop()
  })

  it('beeps once for a new minor alert, not again for the same one, again for a newer one', async () => {
    alerts = [firing(7, 'MINOR')]
    const p = player()
    p.start()
    await advance(0)
    expect(beeps(392)).toBe(1)
    expect(JSON.parse(storage.get(HEARD_KEY) ?? '[]')).toEqual([7])
    await advance(30_000)
    expect(beeps(392)).toBe(1)
    alerts = [firing(7, 'MINOR'), firing(8, 'MINOR')]
    await advance(10_000)
    expect(beeps(392)).toBe(2)
    p.stop()
    // a reload of the page remembers what was heard
    const again = player()
    alerts = [firing(7, 'MINOR'), firing(8, 'MINOR')]
    again.start()
    await advance(0)
    expect(context.tones).toEqual([])
    again.stop()
  })

  it('plays nothing for info, quiet or acknowledged alerts', async () => {
    alerts = [firing(1, 'INFO'), firing(2, 'CRITICAL', { quietReason: 'MAINTENANCE' }), firing(3, 'MAJOR', { state: 'ACKNOWLEDGED' })]
    const p = player()
    p.start()
    await advance(30_000)
    expect(context.tones).toEqual([])
    expect(last()).toMatchObject({ calling: null, plays: 0, counts: { CRITICAL: 0, MAJOR: 0, MINOR: 0, INFO: 1 } })
    p.stop()
  })

  it('stays silent while muted for 30 minutes, and sounds again once the time is up', async () => {
    alerts = [firing(1, 'CRITICAL')]
    const p = player()
    p.muteFor(30)
    expect(JSON.parse(storage.get(MUTE_KEY) ?? '{}')).toEqual({ muted: false, until: now + 30 * 60_000 })
    p.start()
    await advance(29 * 60_000)
    expect(context.tones).toEqual([])
    expect(last()).toMatchObject({ muted: true, calling: 'CRITICAL', plays: 0 })
    await advance(2 * 60_000)
    expect(last().muted).toBe(false)
    expect(last().plays).toBeGreaterThan(0)
    expect(JSON.parse(storage.get(MUTE_KEY) ?? '{}')).toEqual({ muted: false, until: null })
    p.stop()
  })

  it('stays silent when switched off until switched on, then sounds at once', async () => {
    alerts = [firing(1, 'MAJOR')]
    const p = player()
    p.muteFor()
    p.start()
    await advance(60_000)
    expect(context.tones).toEqual([])
    p.unmute()
    expect(last()).toMatchObject({ muted: false, lastPlayed: 'MAJOR', plays: 1 })
    p.stop()
  })

  it('reports being blocked by the browser until a click lets it sound', async () => {
    alerts = [firing(1, 'CRITICAL')]
    const p = player({ allowed: false })
    p.start()
    await advance(0)
    expect(last()).toMatchObject({ blocked: true, calling: 'CRITICAL', plays: 0 })
    expect(context.tones).toEqual([])
    // the user clicks "点击启用告警声音"
    context.allowed = true
    await p.enable()
    expect(last()).toMatchObject({ blocked: false, lastPlayed: 'CRITICAL', plays: 1 })
    p.stop()
  })

  it('keeps deciding without any audio in the browser', async () => {
    alerts = [firing(1, 'CRITICAL')]
    const p = player({ noAudio: true })
    p.start()
    await advance(0)
    expect(last()).toMatchObject({ calling: 'CRITICAL', plays: 0, blocked: false })
    p.stop()
  })

  it('keeps what it had when asking fails, and stops asking when stopped', async () => {
    let asked = 0
    const failing = new AlertSoundPlayer({
      createContext: () => new FakeContext(),
      fetchAlerts: async () => {
        asked++
        throw new Error('offline')
      },
      storage: null,
      now: () => now,
      setTimer: (callback, millis) => setTimeout(callback, millis),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    })
    failing.start()
    await advance(25_000)
    expect(asked).toBe(3)
    failing.stop()
    await advance(60_000)
    expect(asked).toBe(3)
  })
})
