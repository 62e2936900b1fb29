import { defineStore } from 'pinia'
import { ref } from 'vue'
import { alertApi } from '@/api/alerting'
import { AlertSoundPlayer, MUTE_MINUTES, type AudioContextLike, type SoundStatus } from '@/utils/alertSound'

/** How many firing alerts the sound looks at, newest first (more than enough to know the severities). */
const SIZE = 200

declare global {
  interface Window {
    /** The sound's state for the browser journey, which cannot hear. */
    __opsguardAlertSound?: SoundStatus
  }
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

function createContext(): AudioContextLike | null {
  const Context = typeof window === 'undefined' ? undefined : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext)
  return Context ? (new Context() as unknown as AudioContextLike) : null
}

/**
 * The alarm sound of the console (R-ALR-01): one player for the whole page, started by the header's
 * sound switch for users who may read alerts; pages nudge it after acknowledging (`refresh`).
 */
export const useAlertSoundStore = defineStore('alertSound', () => {
  const status = ref<SoundStatus>({
    calling: null,
    lastPlayed: null,
    lastPlayedAt: null,
    plays: 0,
    muted: false,
    mutedUntil: null,
    blocked: false,
    counts: { CRITICAL: 0, MAJOR: 0, MINOR: 0, INFO: 0 },
  })
  let player: AlertSoundPlayer | null = null
  let users = 0

  function publish(next: SoundStatus): void {
    status.value = next
    if (typeof window !== 'undefined') window.__opsguardAlertSound = next
  }

  function ensure(): AlertSoundPlayer {
    if (!player) {
      player = new AlertSoundPlayer({
        createContext,
        fetchAlerts: async () => (await alertApi.listQuietly({ state: 'FIRING', quiet: false, size: SIZE, sort: 'startedAt,desc' })).items,
        storage: storage(),
        now: () => Date.now(),
        setTimer: (callback, millis) => setTimeout(callback, millis),
        clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        onChange: publish,
      })
      publish({ ...player.status })
    }
    return player
  }

  /** A component that shows the sound came; the first starts polling. */
  function attach(): void {
    users++
    ensure().start()
  }

  /** The last one went; polling stops (signed out, or a page without the layout). */
  function detach(): void {
    users = Math.max(0, users - 1)
    if (users === 0) player?.stop()
  }

  return {
    status,
    attach,
    detach,
    refresh: () => (player ? player.poll() : Promise.resolve()),
    enable: () => ensure().enable(),
    muteFor: (minutes?: number) => ensure().muteFor(minutes),
    muteForAWhile: () => ensure().muteFor(MUTE_MINUTES),
    unmute: () => ensure().unmute(),
  }
})
