import type { AlertState, QuietReason, Severity } from '@/api/alerting'

/**
 * The console's alarm sound (R-ALR-01): which alerts call for a sound, which sound, and the player
 * that makes it with the Web Audio API (tones, no audio files). A distinct pattern per severity:
 * critical — fast high double beeps repeated every few seconds; major — a two-tone call repeated
 * less often; minor — one low beep, once per new alert; info — silence. Critical and major keep
 * sounding while such alerts are firing and unacknowledged; muting (until switched on again, or
 * for 30 minutes) is remembered in the browser. Browsers refuse sound until the user has touched
 * the page: the player then reports `blocked`, and {@link AlertSoundPlayer.enable} (called from a
 * click) lets it sound.
 */

export type SoundSeverity = Exclude<Severity, 'INFO'>

/** One tone of a pattern: when it starts after the pattern began, how long, how high. */
export interface Tone {
  at: number
  duration: number
  frequency: number
  type: 'sine' | 'square' | 'triangle' | 'sawtooth'
}

export interface SoundPattern {
  tones: Tone[]
  /** Repeat every this many milliseconds while the alerts stay; null: once per new alert. */
  repeatMillis: number | null
}

const beep = (at: number, frequency: number, duration = 0.11, type: Tone['type'] = 'square'): Tone => ({ at, duration, frequency, type })

export const PATTERNS: Record<SoundSeverity, SoundPattern> = {
  CRITICAL: { tones: [beep(0, 1760), beep(0.16, 1760), beep(0.5, 1760), beep(0.66, 1760)], repeatMillis: 4_000 },
  MAJOR: { tones: [beep(0, 880, 0.28, 'triangle'), beep(0.32, 660, 0.28, 'triangle')], repeatMillis: 10_000 },
  MINOR: { tones: [beep(0, 392, 0.35, 'sine')], repeatMillis: null },
}

/** What the sound looks at of an alert. */
export interface SoundAlert {
  id: number
  severity: Severity
  state: AlertState
  quietReason?: QuietReason | null
}

/** Firing, not acknowledged, not quiet (silenced, in maintenance, caused by a parent). */
export function callsForSound(alert: SoundAlert): boolean {
  return alert.state === 'FIRING' && !alert.quietReason && alert.severity !== 'INFO'
}

/**
 * The sound the alerts call for: critical while a critical one fires unacknowledged, else major
 * while a major one does, else a minor beep when a minor one was not heard yet; `fresh` are the
 * minor alerts not heard before (to remember as heard once played).
 */
export function soundFor(alerts: SoundAlert[], heard: ReadonlySet<number>): { severity: SoundSeverity | null; fresh: number[] } {
  const calling = alerts.filter(callsForSound)
  const fresh = calling.filter((a) => a.severity === 'MINOR' && !heard.has(a.id)).map((a) => a.id)
  if (calling.some((a) => a.severity === 'CRITICAL')) return { severity: 'CRITICAL', fresh }
  if (calling.some((a) => a.severity === 'MAJOR')) return { severity: 'MAJOR', fresh }
  return { severity: fresh.length ? 'MINOR' : null, fresh }
}

// ---------------------------------------------------------------- muting

/** What the browser remembers: muted until switched on again, or until an instant (epoch ms). */
export interface MuteState {
  muted: boolean
  until: number | null
}

export const MUTE_KEY = 'opsguard.alertSound'
export const MUTE_MINUTES = 30

export function isMuted(state: MuteState, now: number): boolean {
  return state.muted || (state.until !== null && now < state.until)
}

/** A timed mute that ran out is forgotten. */
export function expireMute(state: MuteState, now: number): MuteState {
  return state.until !== null && now >= state.until ? { muted: state.muted, until: null } : state
}

export function readMute(storage: Pick<Storage, 'getItem'> | null, now: number): MuteState {
  try {
    const parsed = JSON.parse(storage?.getItem(MUTE_KEY) ?? 'null') as Partial<MuteState> | null
    const state: MuteState = { muted: parsed?.muted === true, until: typeof parsed?.until === 'number' ? parsed.until : null }
    return expireMute(state, now)
  } catch {
    return { muted: false, until: null }
  }
}

export function writeMute(storage: Pick<Storage, 'setItem'> | null, state: MuteState): void {
  try {
    storage?.setItem(MUTE_KEY, JSON.stringify(state))
  } catch {
    /* private mode: the choice lasts for this page */
  }
}

// ---------------------------------------------------------------- the minor alerts heard

export const HEARD_KEY = 'opsguard.alertSound.heard'
const HEARD_MAX = 500

export function readHeard(storage: Pick<Storage, 'getItem'> | null): Set<number> {
  try {
    const ids = JSON.parse(storage?.getItem(HEARD_KEY) ?? '[]') as unknown
    return new Set(Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [])
  } catch {
    return new Set()
  }
}

/** Keeps the newest 500 ids: enough to never beep twice for one alert, small in storage. */
export function writeHeard(storage: Pick<Storage, 'setItem'> | null, heard: Set<number>): void {
  try {
    storage?.setItem(HEARD_KEY, JSON.stringify([...heard].slice(-HEARD_MAX)))
  } catch {
    /* private mode */
  }
}

// ---------------------------------------------------------------- the player

/** The parts of the Web Audio API the player uses (a fake one in tests). */
export interface AudioParamLike {
  value: number
  setValueAtTime(value: number, at: number): unknown
  linearRampToValueAtTime(value: number, at: number): unknown
}
export interface AudioNodeLike {
  connect(target: unknown): unknown
}
export interface OscillatorLike extends AudioNodeLike {
  type: string
  frequency: AudioParamLike
  start(at: number): void
  stop(at: number): void
}
export interface GainLike extends AudioNodeLike {
  gain: AudioParamLike
}
export interface AudioContextLike {
  readonly state: string
  readonly currentTime: number
  readonly destination: unknown
  resume(): Promise<void>
  createOscillator(): OscillatorLike
  createGain(): GainLike
}

/** What the page (and the browser journey, through `window.__opsguardAlertSound`) can see of the sound. */
export interface SoundStatus {
  /** The severity the alerts call for now (repeating), or null. */
  calling: SoundSeverity | null
  /** The severity last made audible, and when (epoch ms). */
  lastPlayed: SoundSeverity | null
  lastPlayedAt: number | null
  plays: number
  muted: boolean
  mutedUntil: number | null
  /** The browser refuses sound until the user touches the page. */
  blocked: boolean
  /** Alerts firing unacknowledged and not quiet, by severity. */
  counts: Record<Severity, number>
}

export interface PlayerDeps {
  createContext: () => AudioContextLike | null
  fetchAlerts: () => Promise<SoundAlert[]>
  storage: Pick<Storage, 'getItem' | 'setItem'> | null
  now: () => number
  setTimer: (callback: () => void, millis: number) => unknown
  clearTimer: (handle: unknown) => void
  onChange?: (status: SoundStatus) => void
  pollMillis?: number
}

export const POLL_MILLIS = 10_000

/** Polls the alerts, decides, and sounds; framework-free so that it can be tested with fake timers. */
export class AlertSoundPlayer {
  private readonly deps: PlayerDeps
  private context: AudioContextLike | null = null
  private heard: Set<number>
  private mute: MuteState
  private pollHandle: unknown = null
  private repeatHandle: unknown = null
  private repeating: SoundSeverity | null = null
  private running = false
  private polling: Promise<void> | null = null
  readonly status: SoundStatus

  constructor(deps: PlayerDeps) {
    this.deps = deps
    this.heard = readHeard(deps.storage)
    this.mute = readMute(deps.storage, deps.now())
    this.status = {
      calling: null,
      lastPlayed: null,
      lastPlayedAt: null,
      plays: 0,
      muted: isMuted(this.mute, deps.now()),
      mutedUntil: this.mute.until,
      blocked: false,
      counts: { CRITICAL: 0, MAJOR: 0, MINOR: 0, INFO: 0 },
    }
  }

  /** Polls now and every 10 s until {@link stop}. */
  start(): void {
    if (this.running) return
    this.running = true
    void this.poll()
  }

  stop(): void {
    this.running = false
    this.deps.clearTimer(this.pollHandle)
    this.deps.clearTimer(this.repeatHandle)
    this.pollHandle = null
    this.repeatHandle = null
    this.repeating = null
  }

  /** Asks at once (after acknowledging, or when a notice arrived), then every 10 s again. */
  async poll(): Promise<void> {
    if (this.polling) return this.polling
    this.polling = this.pollOnce().finally(() => {
      this.polling = null
      if (this.running) {
        this.deps.clearTimer(this.pollHandle)
        this.pollHandle = this.deps.setTimer(() => void this.poll(), this.deps.pollMillis ?? POLL_MILLIS)
      }
    })
    return this.polling
  }

  private async pollOnce(): Promise<void> {
    let alerts: SoundAlert[]
    try {
      alerts = await this.deps.fetchAlerts()
    } catch {
      return // the next poll tries again; the sound keeps what it had
    }
    if (!this.running) return
    this.update(alerts)
  }

  /** Decides from the alerts firing now (public for the tests and for pages that just loaded them). */
  update(alerts: SoundAlert[]): void {
    const counts: Record<Severity, number> = { CRITICAL: 0, MAJOR: 0, MINOR: 0, INFO: 0 }
    for (const alert of alerts) if (alert.state === 'FIRING' && !alert.quietReason) counts[alert.severity]++
    this.status.counts = counts
    this.expireMute()
    const { severity, fresh } = soundFor(alerts, this.heard)
    const repeat = severity && PATTERNS[severity].repeatMillis !== null ? severity : null
    this.status.calling = repeat ?? null
    if (repeat !== this.repeating) {
      this.deps.clearTimer(this.repeatHandle)
      this.repeatHandle = null
      this.repeating = repeat
      if (repeat) this.repeat()
    }
    if (severity === 'MINOR' || (fresh.length && !repeat)) {
      if (this.play('MINOR')) this.markHeard(fresh)
    } else if (fresh.length) {
      // heard within the louder sound
      this.markHeard(fresh)
    }
    this.changed()
  }

  private repeat(): void {
    const severity = this.repeating
    if (!severity) return
    this.play(severity)
    this.repeatHandle = this.deps.setTimer(() => this.repeat(), PATTERNS[severity].repeatMillis ?? POLL_MILLIS)
  }

  private markHeard(ids: number[]): void {
    for (const id of ids) this.heard.add(id)
    writeHeard(this.deps.storage, this.heard)
  }

  /** Makes the pattern audible; false when muted or blocked. */
  private play(severity: SoundSeverity): boolean {
    if (isMuted(this.mute, this.deps.now())) return false
    const context = this.ensureContext()
    if (!context) return false
    if (context.state !== 'running') {
      this.status.blocked = true
      // resolves once the browser lets the page sound (after a click on the page)
      context.resume().then(
        () => {
          if (context.state === 'running' && this.status.blocked) {
            this.status.blocked = false
            this.changed()
          }
        },
        () => undefined,
      )
      this.changed()
      return false
    }
    this.status.blocked = false
    const start = context.currentTime + 0.02
    for (const tone of PATTERNS[severity].tones) {
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.type = tone.type
      oscillator.frequency.value = tone.frequency
      const from = start + tone.at
      const to = from + tone.duration
      gain.gain.setValueAtTime(0, from)
      gain.gain.linearRampToValueAtTime(0.25, from + 0.01)
      gain.gain.setValueAtTime(0.25, to - 0.02)
      gain.gain.linearRampToValueAtTime(0, to)
      oscillator.connect(gain)
      gain.connect(context.destination)
      oscillator.start(from)
      oscillator.stop(to + 0.01)
    }
    this.status.lastPlayed = severity
    this.status.lastPlayedAt = this.deps.now()
    this.status.plays++
    this.changed()
    return true
  }

  private ensureContext(): AudioContextLike | null {
    if (!this.context) {
      try {
        this.context = this.deps.createContext()
      } catch {
        this.context = null
      }
    }
    return this.context
  }

  /** From a click: lets the browser sound, and sounds what is calling now. */
  async enable(): Promise<void> {
    const context = this.ensureContext()
    if (!context) return
    try {
      await context.resume()
    } catch {
      return
    }
    if (context.state === 'running') {
      this.status.blocked = false
      if (this.repeating) this.play(this.repeating)
      this.changed()
    }
  }

  /** Mutes until switched on again, or for `minutes`. */
  muteFor(minutes?: number): void {
    this.mute = minutes ? { muted: false, until: this.deps.now() + minutes * 60_000 } : { muted: true, until: null }
    writeMute(this.deps.storage, this.mute)
    this.status.blocked = false
    this.syncMute()
  }

  unmute(): void {
    this.mute = { muted: false, until: null }
    writeMute(this.deps.storage, this.mute)
    this.syncMute()
    if (this.repeating) this.play(this.repeating)
  }

  private expireMute(): void {
    const next = expireMute(this.mute, this.deps.now())
    if (next !== this.mute) {
      this.mute = next
      writeMute(this.deps.storage, this.mute)
    }
    this.syncMute()
  }

  private syncMute(): void {
    this.status.muted = isMuted(this.mute, this.deps.now())
    this.status.mutedUntil = this.mute.until
    this.changed()
  }

  private changed(): void {
    this.deps.onChange?.({ ...this.status, counts: { ...this.status.counts } })
  }
}
