import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import { t } from '@/i18n'
import { CHANGE_PASSWORD, decideNavigation, FORBIDDEN, HOME, LOGIN, PORTAL } from './guard'

declare module 'vue-router' {
  interface RouteMeta {
    /** Sign-in page and the like: no session needed. */
    public?: boolean
    /** Permission needed to open the page. */
    permission?: string
    /** Locale key of the page title (header and browser tab). */
    titleKey?: string
  }
}

const MainLayout = () => import('@/layouts/MainLayout.vue')

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: LOGIN,
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/change-password',
    name: CHANGE_PASSWORD,
    component: () => import('@/views/auth/ChangePasswordView.vue'),
    meta: { titleKey: 'password.title' },
  },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: HOME, component: () => import('@/views/system/HomeView.vue'), meta: { titleKey: 'menu.home' } },
      {
        path: 'identity/organisations',
        name: 'organisations',
        component: () => import('@/views/identity/OrganisationsView.vue'),
        meta: { permission: 'identity:organisation:read', titleKey: 'menu.organisations' },
      },
      {
        path: 'identity/users',
        name: 'users',
        component: () => import('@/views/identity/UsersView.vue'),
        meta: { permission: 'identity:user:read', titleKey: 'menu.users' },
      },
      {
        path: 'identity/roles',
        name: 'roles',
        component: () => import('@/views/identity/RolesView.vue'),
        meta: { permission: 'identity:role:read', titleKey: 'menu.roles' },
      },
      {
        path: 'cmdb/cis',
        name: 'cmdb-cis',
        component: () => import('@/views/cmdb/CiListView.vue'),
        meta: { permission: 'cmdb:ci:read', titleKey: 'menu.cmdbCis' },
      },
      {
        path: 'cmdb/cis/:id(\\d+)',
        name: 'cmdb-ci',
        component: () => import('@/views/cmdb/CiDetailView.vue'),
        meta: { permission: 'cmdb:ci:read', titleKey: 'cmdb.detail.title' },
      },
      {
        path: 'cmdb/business-systems',
        name: 'cmdb-business-systems',
        component: () => import('@/views/cmdb/BusinessSystemsView.vue'),
        meta: { permission: 'cmdb:ci:read', titleKey: 'menu.cmdbBusinessSystems' },
      },
      {
        path: 'cmdb/verification',
        name: 'cmdb-verification',
        component: () => import('@/views/cmdb/VerificationView.vue'),
        meta: { permission: 'cmdb:ci:read', titleKey: 'menu.cmdbVerification' },
      },
      {
        path: 'cmdb/classes',
        name: 'cmdb-classes',
        component: () => import('@/views/cmdb/CiClassesView.vue'),
        meta: { permission: 'cmdb:class:read', titleKey: 'menu.cmdbClasses' },
      },
      {
        path: 'servicedesk/tickets',
        name: 'sd-tickets',
        component: () => import('@/views/servicedesk/TicketQueueView.vue'),
        meta: { permission: 'servicedesk:ticket:read', titleKey: 'menu.sdTickets' },
      },
      {
        path: 'servicedesk/tickets/new',
        name: 'sd-new-ticket',
        component: () => import('@/views/servicedesk/TicketCreateView.vue'),
        meta: { permission: 'servicedesk:ticket:create', titleKey: 'menu.sdNewTicket' },
      },
      {
        path: 'servicedesk/tickets/:id(\\d+)',
        name: 'sd-ticket',
        component: () => import('@/views/servicedesk/TicketDetailView.vue'),
        meta: { permission: 'servicedesk:ticket:read', titleKey: 'servicedesk.detail.title' },
      },
      {
        path: 'servicedesk/groups',
        name: 'sd-groups',
        component: () => import('@/views/servicedesk/SupportGroupsView.vue'),
        meta: { permission: 'servicedesk:ticket:read', titleKey: 'menu.sdGroups' },
      },
      // satisfaction and the help centre (R-DSK-11, R-DSK-12)
      {
        path: 'servicedesk/faq',
        name: 'sd-faq',
        component: () => import('@/views/servicedesk/FaqView.vue'),
        meta: { permission: 'servicedesk:faq:manage', titleKey: 'sdMenu.faq' },
      },
      {
        path: 'servicedesk/satisfaction',
        name: 'sd-satisfaction',
        component: () => import('@/views/servicedesk/SatisfactionView.vue'),
        meta: { permission: 'servicedesk:ticket:read', titleKey: 'sdMenu.satisfaction' },
      },
      {
        path: 'servicedesk/return-visits',
        name: 'sd-return-visits',
        component: () => import('@/views/servicedesk/ReturnVisitsView.vue'),
        meta: { permission: 'servicedesk:ticket:handle', titleKey: 'sdMenu.returnVisits' },
      },
      {
        path: 'servicedesk/surveys',
        name: 'sd-surveys',
        component: () => import('@/views/servicedesk/SurveysView.vue'),
        meta: { permission: 'servicedesk:survey:manage', titleKey: 'sdMenu.surveys' },
      },
      {
        path: 'servicedesk/surveys/:id(\\d+)/results',
        name: 'sd-survey-results',
        component: () => import('@/views/servicedesk/SurveyResultsView.vue'),
        meta: { permission: 'servicedesk:survey:manage', titleKey: 'survey.results.title' },
      },
      {
        path: 'servicedesk/work-records',
        name: 'sd-work-records',
        component: () => import('@/views/servicedesk/WorkRecordsView.vue'),
        meta: { permission: 'servicedesk:ticket:read', titleKey: 'menu.sdWorkRecords' },
      },
      {
        path: 'servicedesk/statistics',
        name: 'sd-statistics',
        component: () => import('@/views/servicedesk/TicketStatisticsView.vue'),
        meta: { permission: 'servicedesk:ticket:read', titleKey: 'menu.sdStatistics' },
      },
      {
        path: 'servicedesk/catalogue',
        name: 'sd-catalogue',
        component: () => import('@/views/servicedesk/CatalogueView.vue'),
        meta: { permission: 'servicedesk:ticket:read', titleKey: 'menu.sdCatalogue' },
      },
      {
        path: 'servicedesk/mail-intake',
        name: 'sd-mail-intake',
        component: () => import('@/views/servicedesk/MailIntakeView.vue'),
        meta: { permission: 'servicedesk:mail:manage', titleKey: 'menu.sdMailIntake' },
      },
      {
        path: 'servicedesk/vendor-cases',
        name: 'sd-vendor-cases',
        component: () => import('@/views/servicedesk/VendorCasesView.vue'),
        meta: { permission: 'servicedesk:ticket:read', titleKey: 'vendorCase.menu' },
      },
      {
        path: 'calendars',
        name: 'calendars',
        component: () => import('@/views/calendar/CalendarsView.vue'),
        meta: { permission: 'calendar:calendar:read', titleKey: 'menu.calendars' },
      },
      {
        path: 'calendars/holidays',
        name: 'holiday-schedule',
        component: () => import('@/views/calendar/HolidayScheduleView.vue'),
        meta: { permission: 'calendar:calendar:read', titleKey: 'menu.holidaySchedule' },
      },
      {
        path: 'calendars/:code',
        name: 'calendar',
        component: () => import('@/views/calendar/CalendarDetailView.vue'),
        meta: { permission: 'calendar:calendar:read', titleKey: 'calendar.detail.title' },
      },
      {
        path: 'service-levels/systems',
        name: 'sl-systems',
        component: () => import('@/views/servicelevel/SystemsView.vue'),
        meta: { permission: 'servicelevel:level:read', titleKey: 'menu.slSystems' },
      },
      {
        path: 'service-levels/systems/:id(\\d+)',
        name: 'sl-system',
        component: () => import('@/views/servicelevel/SystemDetailView.vue'),
        meta: { permission: 'servicelevel:level:read', titleKey: 'sl.detail.title' },
      },
      {
        // any signed-in user: only the four named parties decide, whatever their roles
        path: 'service-levels/inbox',
        name: 'sl-grading-inbox',
        component: () => import('@/views/servicelevel/InboxView.vue'),
        meta: { titleKey: 'menu.slGradingInbox' },
      },
      {
        path: 'service-levels/gaps',
        name: 'sl-gaps',
        component: () => import('@/views/servicelevel/GapsView.vue'),
        meta: { permission: 'servicelevel:level:read', titleKey: 'menu.slGaps' },
      },
      {
        path: 'service-levels/matrix',
        name: 'sl-matrix',
        component: () => import('@/views/servicelevel/MatrixView.vue'),
        meta: { permission: 'servicelevel:level:read', titleKey: 'menu.slMatrix' },
      },
      {
        path: 'service-levels/policies',
        name: 'sl-policies',
        component: () => import('@/views/servicelevel/PoliciesView.vue'),
        meta: { permission: 'servicelevel:level:read', titleKey: 'menu.slPolicies' },
      },
      {
        path: 'service-levels/policies/:code',
        name: 'sl-policy',
        component: () => import('@/views/servicelevel/PolicyDetailView.vue'),
        meta: { permission: 'servicelevel:level:read', titleKey: 'sl.policy.detailTitle' },
      },
      {
        path: 'service-levels/grades',
        name: 'sl-grades',
        component: () => import('@/views/servicelevel/GradesView.vue'),
        meta: { permission: 'servicelevel:level:read', titleKey: 'menu.slGrades' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/audit/AuditView.vue'),
        meta: { permission: 'audit:log:read', titleKey: 'menu.audit' },
      },
      {
        path: 'me/tokens',
        name: 'tokens',
        component: () => import('@/views/auth/TokensView.vue'),
        meta: { titleKey: 'menu.tokens' },
      },
      // notifications: the caller's own inbox and preferences; administrators' endpoints, templates and log
      {
        path: 'me/notifications',
        name: 'my-notifications',
        component: () => import('@/views/notify/MyNotificationsView.vue'),
        meta: { titleKey: 'menu.myNotifications' },
      },
      {
        path: 'me/notification-preferences',
        name: 'notification-preferences',
        component: () => import('@/views/notify/PreferencesView.vue'),
        meta: { titleKey: 'menu.notificationPreferences' },
      },
      {
        path: 'notify/endpoints',
        name: 'notification-endpoints',
        component: () => import('@/views/notify/EndpointsView.vue'),
        meta: { permission: 'notify:channel:manage', titleKey: 'menu.notificationEndpoints' },
      },
      {
        path: 'notify/templates',
        name: 'notification-templates',
        component: () => import('@/views/notify/TemplatesView.vue'),
        meta: { permission: 'notify:channel:manage', titleKey: 'menu.notificationTemplates' },
      },
      {
        path: 'notify/deliveries',
        name: 'notification-deliveries',
        component: () => import('@/views/notify/DeliveriesView.vue'),
        meta: { permission: 'notify:delivery:read', titleKey: 'menu.notificationDeliveries' },
      },
      {
        path: 'about',
        name: 'about',
        component: () => import('@/views/system/AboutView.vue'),
        meta: { titleKey: 'menu.about' },
      },
      // self-registration (R-DSK-12): the desk's review of applications for a portal account
      {
        path: 'servicedesk/registrations',
        name: 'sd-registrations',
        component: () => import('@/views/servicedesk/RegistrationsView.vue'),
        meta: { permission: 'servicedesk:registration:approve', titleKey: 'registration.review.title' },
      },
      // 监控 (issue 10): resources and their dashboards, monitors, bulk onboarding, Top-N, monitor types, the metric store
      {
        path: 'monitoring/resources',
        name: 'mon-resources',
        component: () => import('@/views/monitoring/ResourcesView.vue'),
        meta: { permission: 'monitoring:monitor:read', titleKey: 'monitoring.menu.resources' },
      },
      {
        path: 'monitoring/resources/:ciId(\\d+)',
        name: 'mon-resource',
        component: () => import('@/views/monitoring/ResourceDetailView.vue'),
        meta: { permission: 'monitoring:monitor:read', titleKey: 'monitoring.resources.detailTitle' },
      },
      {
        path: 'monitoring/monitors',
        name: 'mon-monitors',
        component: () => import('@/views/monitoring/MonitorsView.vue'),
        meta: { permission: 'monitoring:monitor:read', titleKey: 'monitoring.menu.monitors' },
      },
      {
        path: 'monitoring/bulk',
        name: 'mon-bulk',
        component: () => import('@/views/monitoring/BulkOnboardingView.vue'),
        meta: { permission: 'monitoring:monitor:manage', titleKey: 'monitoring.menu.bulk' },
      },
      {
        path: 'monitoring/top',
        name: 'mon-top',
        component: () => import('@/views/monitoring/TopNView.vue'),
        meta: { permission: 'monitoring:metric:read', titleKey: 'monitoring.menu.top' },
      },
      {
        path: 'monitoring/types',
        name: 'mon-types',
        component: () => import('@/views/monitoring/MonitorTypesView.vue'),
        meta: { permission: 'monitoring:monitor:read', titleKey: 'monitoring.menu.types' },
      },
      {
        path: 'monitoring/store',
        name: 'mon-store',
        component: () => import('@/views/monitoring/MetricStoreView.vue'),
        meta: { permission: 'monitoring:store:manage', titleKey: 'monitoring.menu.store' },
      },
      // 告警 (issue 11): alerts, the alert wall, rules, silences and maintenance windows, routes, statistics
      {
        path: 'alerting/alerts',
        name: 'alr-alerts',
        component: () => import('@/views/alerting/AlertsView.vue'),
        meta: { permission: 'alerting:alert:read', titleKey: 'alerting.menu.alerts' },
      },
      {
        // the links of alert messages and incident tickets: the list with the alert's drawer open
        path: 'alerting/alerts/:id(\\d+)',
        name: 'alr-alert',
        component: () => import('@/views/alerting/AlertsView.vue'),
        meta: { permission: 'alerting:alert:read', titleKey: 'alerting.menu.alerts' },
      },
      {
        path: 'alerting/wall',
        name: 'alr-wall',
        component: () => import('@/views/alerting/AlertWallView.vue'),
        meta: { permission: 'alerting:alert:read', titleKey: 'alerting.menu.wall' },
      },
      {
        path: 'alerting/rules',
        name: 'alr-rules',
        component: () => import('@/views/alerting/RulesView.vue'),
        meta: { permission: 'alerting:alert:read', titleKey: 'alerting.menu.rules' },
      },
      {
        path: 'alerting/silences',
        name: 'alr-silences',
        component: () => import('@/views/alerting/SilencesView.vue'),
        meta: { permission: 'alerting:alert:read', titleKey: 'alerting.menu.silences' },
      },
      {
        path: 'alerting/routes',
        name: 'alr-routes',
        component: () => import('@/views/alerting/RoutesView.vue'),
        meta: { permission: 'alerting:alert:read', titleKey: 'alerting.menu.routes' },
      },
      {
        path: 'alerting/statistics',
        name: 'alr-statistics',
        component: () => import('@/views/alerting/StatisticsView.vue'),
        meta: { permission: 'alerting:alert:read', titleKey: 'alerting.menu.statistics' },
      },
      {
        path: '403',
        name: FORBIDDEN,
        component: () => import('@/views/system/ForbiddenView.vue'),
        meta: { titleKey: 'forbidden.title' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/system/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
]

// The self-service portal (R-DSK-12): its own mobile-first layout; the pages behind one-use links
// (rating, survey) need no session.
const PortalLayout = () => import('@/layouts/PortalLayout.vue')
routes.push({
  path: '/portal',
  component: PortalLayout,
  children: [
    { path: '', name: PORTAL, component: () => import('@/views/portal/PortalReportView.vue'), meta: { titleKey: 'portal.report.title' } },
    { path: 'tickets', name: 'portal-tickets', component: () => import('@/views/portal/PortalTicketsView.vue'), meta: { titleKey: 'portal.tickets.title' } },
    {
      path: 'tickets/:id(\\d+)',
      name: 'portal-ticket',
      component: () => import('@/views/portal/PortalTicketView.vue'),
      meta: { titleKey: 'portal.ticket.title' },
    },
    { path: 'help', name: 'portal-help', component: () => import('@/views/portal/PortalHelpView.vue'), meta: { titleKey: 'portal.help.title' } },
    { path: 'rate/:token', name: 'portal-rate', component: () => import('@/views/portal/PortalRateView.vue'), meta: { public: true, titleKey: 'portal.rate.title' } },
    {
      path: 'survey/:token',
      name: 'portal-survey',
      component: () => import('@/views/portal/PortalSurveyView.vue'),
      meta: { public: true, titleKey: 'portal.survey.title' },
    },
    // self-registration (R-DSK-12): public, before there is an account
    { path: 'register', name: 'portal-register', component: () => import('@/views/portal/PortalRegisterView.vue'), meta: { public: true, titleKey: 'registration.title' } },
  ],
})

// 告警 (issue 11): the page behind an alert message's one-click acknowledge link, no session needed
routes.push({ path: '/ack/:token', name: 'alr-ack', component: () => import('@/views/alerting/AckLinkView.vue'), meta: { public: true, titleKey: 'alerting.ack.title' } })

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to, from) => {
  const session = useSessionStore()
  if (!session.loaded) await session.load()
  return decideNavigation(to, session, from)
})

router.afterEach((to) => {
  const page = to.meta.titleKey ? t(to.meta.titleKey) : ''
  document.title = page ? `${page} · ${t('app.documentTitle')}` : t('app.documentTitle')
})
