import { http } from './http'

export interface About {
  name: string
  version: string
  buildTime: string | null
  javaVersion: string
  database: string
  startedAt: string
}

export const systemApi = {
  about: () => http.get<About>('system/about'),
}
