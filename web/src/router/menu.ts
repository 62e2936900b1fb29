import type { Component } from 'vue'
import {
  Avatar,
  Bell,
  ChatDotRound,
  Document,
  Promotion,
  Calendar,
  ChatLineSquare,
  Coin,
  Collection,
  Connection,
  CopyDocument,
  DataAnalysis,
  DataBoard,
  DataLine,
  DocumentAdd,
  DocumentChecked,
  Finished,
  Files,
  Grid,
  Headset,
  Histogram,
  HomeFilled,
  InfoFilled,
  Iphone,
  Key,
  List,
  Medal,
  Memo,
  Message,
  Monitor,
  Notebook,
  OfficeBuilding,
  Odometer,
  PhoneFilled,
  QuestionFilled,
  Setting,
  Share,
  Stamp,
  Sunny,
  Tickets,
  Timer,
  TrendCharts,
  User,
  UserFilled,
  Van,
  Warning,
} from '@element-plus/icons-vue'
// 告警 (issue 11)
import { DataBoard as AlertWall, Guide, MuteNotification, PieChart, SetUp, WarningFilled } from '@element-plus/icons-vue'

/**
 * The left menu. Modules add their entries here, in one place: `name` gives the test hook
 * `data-test="menu-<name>"`, `titleKey` is a key under `menu.` in the locale files, `path` the
 * route (leaves only) and `permission` the permission a user needs to see the entry (and, through
 * the route's `meta.permission`, to open the page). A group without visible children is hidden.
 */
export interface MenuEntry {
  name: string
  titleKey: string
  /** Optional one-line description (locale key) shown on the home page's quick links. */
  descriptionKey?: string
  icon?: Component
  path?: string
  permission?: string
  children?: MenuEntry[]
}

export const MENU: MenuEntry[] = [
  { name: 'home', titleKey: 'menu.home', icon: HomeFilled, path: '/' },
  {
    name: 'cmdb',
    titleKey: 'menu.cmdb',
    icon: Coin,
    children: [
      { name: 'cmdb-cis', titleKey: 'menu.cmdbCis', icon: Monitor, path: '/cmdb/cis', descriptionKey: 'menu.desc.cmdbCis', permission: 'cmdb:ci:read' },
      {
        name: 'cmdb-business-systems',
        titleKey: 'menu.cmdbBusinessSystems',
        icon: Grid,
        path: '/cmdb/business-systems',
        descriptionKey: 'menu.desc.cmdbBusinessSystems',
        permission: 'cmdb:ci:read',
      },
      {
        name: 'cmdb-verification',
        titleKey: 'menu.cmdbVerification',
        icon: Finished,
        path: '/cmdb/verification',
        descriptionKey: 'menu.desc.cmdbVerification',
        permission: 'cmdb:ci:read',
      },
      {
        name: 'cmdb-classes',
        titleKey: 'menu.cmdbClasses',
        icon: Share,
        path: '/cmdb/classes',
        descriptionKey: 'menu.desc.cmdbClasses',
        permission: 'cmdb:class:read',
      },
    ],
  },
  {
    // 服务台: the agents' queues, recording a ticket on the phone, and who receives tickets
    name: 'servicedesk',
    titleKey: 'menu.serviceDesk',
    icon: Headset,
    permission: 'servicedesk:ticket:read',
    children: [
      {
        name: 'sd-tickets',
        titleKey: 'menu.sdTickets',
        icon: List,
        path: '/servicedesk/tickets',
        descriptionKey: 'menu.desc.sdTickets',
        permission: 'servicedesk:ticket:read',
      },
      {
        name: 'sd-new-ticket',
        titleKey: 'menu.sdNewTicket',
        icon: DocumentAdd,
        path: '/servicedesk/tickets/new',
        descriptionKey: 'menu.desc.sdNewTicket',
        permission: 'servicedesk:ticket:create',
      },
      {
        name: 'sd-groups',
        titleKey: 'menu.sdGroups',
        icon: Connection,
        path: '/servicedesk/groups',
        descriptionKey: 'menu.desc.sdGroups',
        permission: 'servicedesk:ticket:read',
      },
      {
        name: 'sd-work-records',
        titleKey: 'menu.sdWorkRecords',
        icon: Notebook,
        path: '/servicedesk/work-records',
        descriptionKey: 'menu.desc.sdWorkRecords',
        permission: 'servicedesk:ticket:read',
      },
      {
        name: 'sd-statistics',
        titleKey: 'menu.sdStatistics',
        icon: DataAnalysis,
        path: '/servicedesk/statistics',
        descriptionKey: 'menu.desc.sdStatistics',
        permission: 'servicedesk:ticket:read',
      },
      {
        name: 'sd-catalogue',
        titleKey: 'menu.sdCatalogue',
        icon: Collection,
        path: '/servicedesk/catalogue',
        descriptionKey: 'menu.desc.sdCatalogue',
        permission: 'servicedesk:ticket:read',
      },
      {
        name: 'sd-mail-intake',
        titleKey: 'menu.sdMailIntake',
        icon: Message,
        path: '/servicedesk/mail-intake',
        descriptionKey: 'menu.desc.sdMailIntake',
        permission: 'servicedesk:mail:manage',
      },
      // satisfaction and the help centre (R-DSK-11, R-DSK-12)
      { name: 'sd-satisfaction', titleKey: 'sdMenu.satisfaction', icon: TrendCharts, path: '/servicedesk/satisfaction', descriptionKey: 'sdMenu.desc.satisfaction', permission: 'servicedesk:ticket:read' },
      { name: 'sd-return-visits', titleKey: 'sdMenu.returnVisits', icon: PhoneFilled, path: '/servicedesk/return-visits', descriptionKey: 'sdMenu.desc.returnVisits', permission: 'servicedesk:ticket:handle' },
      { name: 'sd-surveys', titleKey: 'sdMenu.surveys', icon: ChatLineSquare, path: '/servicedesk/surveys', descriptionKey: 'sdMenu.desc.surveys', permission: 'servicedesk:survey:manage' },
      { name: 'sd-faq', titleKey: 'sdMenu.faq', icon: QuestionFilled, path: '/servicedesk/faq', descriptionKey: 'sdMenu.desc.faq', permission: 'servicedesk:faq:manage' },
      {
        name: 'sd-vendor-cases',
        titleKey: 'vendorCase.menu',
        icon: Van,
        path: '/servicedesk/vendor-cases',
        descriptionKey: 'vendorCase.menuDesc',
        permission: 'servicedesk:ticket:read',
      },
      // self-registration (R-DSK-12): applications for a portal account
      { name: 'sd-registrations', titleKey: 'registration.review.menu', icon: Stamp, path: '/servicedesk/registrations', descriptionKey: 'registration.review.menuDesc', permission: 'servicedesk:registration:approve' },
    ],
  },
  {
    // 服务级别: working calendars now; grading, SLA policies … join this group's children later.
    name: 'service-levels',
    titleKey: 'menu.serviceLevels',
    icon: Odometer,
    children: [
      {
        name: 'sl-systems',
        titleKey: 'menu.slSystems',
        icon: Medal,
        path: '/service-levels/systems',
        descriptionKey: 'menu.desc.slSystems',
        permission: 'servicelevel:level:read',
      },
      // no permission: whoever is named as one of the four parties confirms here
      { name: 'sl-grading-inbox', titleKey: 'menu.slGradingInbox', icon: Stamp, path: '/service-levels/inbox', descriptionKey: 'menu.desc.slGradingInbox' },
      {
        name: 'sl-gaps',
        titleKey: 'menu.slGaps',
        icon: Warning,
        path: '/service-levels/gaps',
        descriptionKey: 'menu.desc.slGaps',
        permission: 'servicelevel:level:read',
      },
      {
        name: 'sl-matrix',
        titleKey: 'menu.slMatrix',
        icon: Memo,
        path: '/service-levels/matrix',
        descriptionKey: 'menu.desc.slMatrix',
        permission: 'servicelevel:level:read',
      },
      {
        name: 'sl-policies',
        titleKey: 'menu.slPolicies',
        icon: Timer,
        path: '/service-levels/policies',
        descriptionKey: 'menu.desc.slPolicies',
        permission: 'servicelevel:level:read',
      },
      {
        name: 'sl-grades',
        titleKey: 'menu.slGrades',
        icon: Tickets,
        path: '/service-levels/grades',
        descriptionKey: 'menu.desc.slGrades',
        permission: 'servicelevel:level:read',
      },
      {
        name: 'calendars',
        titleKey: 'menu.calendars',
        icon: Calendar,
        path: '/calendars',
        descriptionKey: 'menu.desc.calendars',
        permission: 'calendar:calendar:read',
      },
      {
        name: 'holiday-schedule',
        titleKey: 'menu.holidaySchedule',
        icon: Sunny,
        path: '/calendars/holidays',
        descriptionKey: 'menu.desc.holidaySchedule',
        permission: 'calendar:calendar:read',
      },
    ],
  },
  {
    // 监控 (issue 10): monitored resources and their dashboards, monitors, bulk onboarding, Top-N, types, the metric store
    name: 'monitoring',
    titleKey: 'monitoring.menu.group',
    icon: Monitor,
    children: [
      { name: 'mon-resources', titleKey: 'monitoring.menu.resources', icon: DataBoard, path: '/monitoring/resources', descriptionKey: 'monitoring.menu.desc.resources', permission: 'monitoring:monitor:read' },
      { name: 'mon-monitors', titleKey: 'monitoring.menu.monitors', icon: DataLine, path: '/monitoring/monitors', descriptionKey: 'monitoring.menu.desc.monitors', permission: 'monitoring:monitor:read' },
      { name: 'mon-bulk', titleKey: 'monitoring.menu.bulk', icon: CopyDocument, path: '/monitoring/bulk', descriptionKey: 'monitoring.menu.desc.bulk', permission: 'monitoring:monitor:manage' },
      { name: 'mon-top', titleKey: 'monitoring.menu.top', icon: Histogram, path: '/monitoring/top', descriptionKey: 'monitoring.menu.desc.top', permission: 'monitoring:metric:read' },
      { name: 'mon-types', titleKey: 'monitoring.menu.types', icon: Files, path: '/monitoring/types', descriptionKey: 'monitoring.menu.desc.types', permission: 'monitoring:monitor:read' },
      { name: 'mon-store', titleKey: 'monitoring.menu.store', icon: Coin, path: '/monitoring/store', descriptionKey: 'monitoring.menu.desc.store', permission: 'monitoring:store:manage' },
    ],
  },
  {
    // 告警 (issue 11): alerts, the duty room's wall, rules, silences and maintenance windows, routes, statistics
    name: 'alerting',
    titleKey: 'alerting.menu.group',
    icon: Bell,
    children: [
      { name: 'alr-alerts', titleKey: 'alerting.menu.alerts', icon: WarningFilled, path: '/alerting/alerts', descriptionKey: 'alerting.menu.desc.alerts', permission: 'alerting:alert:read' },
      { name: 'alr-wall', titleKey: 'alerting.menu.wall', icon: AlertWall, path: '/alerting/wall', descriptionKey: 'alerting.menu.desc.wall', permission: 'alerting:alert:read' },
      { name: 'alr-rules', titleKey: 'alerting.menu.rules', icon: SetUp, path: '/alerting/rules', descriptionKey: 'alerting.menu.desc.rules', permission: 'alerting:alert:read' },
      { name: 'alr-silences', titleKey: 'alerting.menu.silences', icon: MuteNotification, path: '/alerting/silences', descriptionKey: 'alerting.menu.desc.silences', permission: 'alerting:alert:read' },
      { name: 'alr-routes', titleKey: 'alerting.menu.routes', icon: Guide, path: '/alerting/routes', descriptionKey: 'alerting.menu.desc.routes', permission: 'alerting:alert:read' },
      { name: 'alr-statistics', titleKey: 'alerting.menu.statistics', icon: PieChart, path: '/alerting/statistics', descriptionKey: 'alerting.menu.desc.statistics', permission: 'alerting:alert:read' },
    ],
  },
  {
    name: 'system',
    titleKey: 'menu.system',
    icon: Setting,
    children: [
      {
        name: 'organisations',
        titleKey: 'menu.organisations',
        icon: OfficeBuilding,
        path: '/identity/organisations',
        descriptionKey: 'menu.desc.organisations',
        permission: 'identity:organisation:read',
      },
      { name: 'users', titleKey: 'menu.users', icon: User, path: '/identity/users', descriptionKey: 'menu.desc.users', permission: 'identity:user:read' },
      { name: 'roles', titleKey: 'menu.roles', icon: Avatar, path: '/identity/roles', descriptionKey: 'menu.desc.roles', permission: 'identity:role:read' },
    ],
  },
  {
    // 通知: administrators' robots and gateways, templates and the delivery log
    name: 'notify',
    titleKey: 'menu.notify',
    icon: Bell,
    children: [
      {
        name: 'notification-endpoints',
        titleKey: 'menu.notificationEndpoints',
        icon: Promotion,
        path: '/notify/endpoints',
        descriptionKey: 'menu.desc.notificationEndpoints',
        permission: 'notify:channel:manage',
      },
      {
        name: 'notification-templates',
        titleKey: 'menu.notificationTemplates',
        icon: Document,
        path: '/notify/templates',
        descriptionKey: 'menu.desc.notificationTemplates',
        permission: 'notify:channel:manage',
      },
      {
        name: 'notification-deliveries',
        titleKey: 'menu.notificationDeliveries',
        icon: Message,
        path: '/notify/deliveries',
        descriptionKey: 'menu.desc.notificationDeliveries',
        permission: 'notify:delivery:read',
      },
    ],
  },
  { name: 'audit', titleKey: 'menu.audit', icon: DocumentChecked, path: '/audit', descriptionKey: 'menu.desc.audit', permission: 'audit:log:read' },
  {
    name: 'personal',
    titleKey: 'menu.personal',
    icon: UserFilled,
    children: [
      { name: 'tokens', titleKey: 'menu.tokens', icon: Key, path: '/me/tokens', descriptionKey: 'menu.desc.tokens' },
      { name: 'my-notifications', titleKey: 'menu.myNotifications', icon: Bell, path: '/me/notifications', descriptionKey: 'menu.desc.myNotifications' },
      {
        name: 'notification-preferences',
        titleKey: 'menu.notificationPreferences',
        icon: ChatDotRound,
        path: '/me/notification-preferences',
        descriptionKey: 'menu.desc.notificationPreferences',
      },
      // the self-service portal, as the requesters see it
      { name: 'portal', titleKey: 'sdMenu.portal', icon: Iphone, path: '/portal', descriptionKey: 'sdMenu.desc.portal' },
    ],
  },
  { name: 'about', titleKey: 'menu.about', icon: InfoFilled, path: '/about', descriptionKey: 'menu.desc.about' },
]

/** The entries a user may see: leaves they hold the permission for, and groups that keep a child. */
export function visibleMenu(entries: MenuEntry[], hasPermission: (permission: string) => boolean): MenuEntry[] {
  const result: MenuEntry[] = []
  for (const entry of entries) {
    if (entry.permission && !hasPermission(entry.permission)) continue
    if (entry.children) {
      const children = visibleMenu(entry.children, hasPermission)
      if (children.length) result.push({ ...entry, children })
    } else {
      result.push(entry)
    }
  }
  return result
}

/** The visible leaves (pages), in menu order. */
export function menuLeaves(entries: MenuEntry[]): MenuEntry[] {
  return entries.flatMap((entry) => (entry.children ? menuLeaves(entry.children) : [entry]))
}
