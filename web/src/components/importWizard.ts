/** One fault of an imported file: its row or line, the column (spreadsheets), the message, the allowed values. */
export interface ImportRowError {
  line: number | null
  column?: string | null
  message: string
  /** The values allowed there, when the fault is about a choice (in the reader's language). */
  allowed?: string[]
}

/** What an upload of the {@link ImportWizard} answered: whether the file is valid, its faults, and what the parent needs. */
export interface ImportAnswer<R> {
  valid: boolean
  /** Whether it was written (false for a check). */
  written?: boolean
  errors: ImportRowError[]
  result: R
}

/** Whether a file name ends with one of the endings (`.xlsx`, `.csv` …), in any case. */
export function hasEnding(name: string, endings: readonly string[]): boolean {
  const lower = name.toLowerCase()
  return endings.some((ending) => lower.endsWith(ending.toLowerCase()))
}
