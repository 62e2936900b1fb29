import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus, { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { i18n, language, t } from './i18n'
import { router } from './router'
import { CHANGE_PASSWORD, LOGIN } from './router/guard'
import { rememberRedirectOwner, useSessionStore } from './stores/session'
import { ApiError, configureHttp } from './api/http'

async function start(): Promise<void> {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.use(i18n)
  app.use(ElementPlus)

  const session = useSessionStore()
  let lastMessage = ''
  let lastMessageAt = 0
  configureHttp({
    language: () => language.value,
    translate: (key, params) => t(key, params),
    notify: (message) => {
      // Several requests failing together (e.g. the network is down) show one message.
      const now = Date.now()
      if (message === lastMessage && now - lastMessageAt < 1500) return
      lastMessage = message
      lastMessageAt = now
      ElMessage({ type: 'error', message, grouping: true, showClose: true })
    },
    onUnauthorized: () => {
      const previous = session.user?.username ?? null
      session.clear()
      const current = router.currentRoute.value
      // nobody was signed in (a late answer after signing out): the app is on its way to sign-in
      if (previous === null || current.name === LOGIN) return
      ElMessage({ type: 'warning', message: t('error.sessionExpired'), grouping: true })
      // only this user comes back to this page after signing in again
      rememberRedirectOwner(previous)
      void router.push({ name: LOGIN, query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
    },
    onPasswordChangeRequired: () => {
      session.markPasswordChangeRequired()
      if (router.currentRoute.value.name !== CHANGE_PASSWORD) void router.push({ name: CHANGE_PASSWORD })
    },
  })

  // Errors of the API were shown to the user already; do not report them twice.
  window.addEventListener('unhandledrejection', (event) => {
    if (event.reason instanceof ApiError) event.preventDefault()
  })
  app.config.errorHandler = (error) => {
    if (!(error instanceof ApiError)) console.error(error)
  }

  // Know who is signed in before the router's first navigation.
  await session.load()
  // The session carries texts in the request's language (built-in role names): reload it on a switch.
  watch(language, () => {
    if (session.signedIn) void session.load()
  })
  app.use(router)
  await router.isReady()
  app.mount('#app')
}

void start()
