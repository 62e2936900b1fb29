function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** An instant as local `YYYY-MM-DD HH:mm:ss`; empty text for no value. */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  const date = toDate(value)
  if (!date) return ''
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  )
}

/** A date as local `YYYY-MM-DD`. A plain `YYYY-MM-DD` value is shown as it is. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const date = toDate(value)
  if (!date) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** A local calendar date `YYYY-MM-DD` (what date pickers and `expiresAt` use). */
export function localDateString(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function addDays(date: Date, days: number): Date {
  const copy = new Date(date.getTime())
  copy.setDate(copy.getDate() + days)
  return copy
}

export function addYears(date: Date, years: number): Date {
  const copy = new Date(date.getTime())
  copy.setFullYear(copy.getFullYear() + years)
  return copy
}

/** `el-table` sort-change → the API's `sort` parameter (`field,asc|desc`), or undefined. */
export function toSortParam(prop: string | null | undefined, order: 'ascending' | 'descending' | null | undefined): string | undefined {
  if (!prop || !order) return undefined
  return `${prop},${order === 'ascending' ? 'asc' : 'desc'}`
}
