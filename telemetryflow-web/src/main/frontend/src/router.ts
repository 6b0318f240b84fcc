import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSession } from './stores/session'

// Every page is its own chunk, loaded when first opened. `permission` hides a page from callers who lack it (the nav
// does not offer it; a direct URL shows the 403 state); `nav` places it in the side bar.
declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    permission?: string
    nav?: { label: string; group: 'Observe' | 'Alerting' | 'Administration' }
    title?: string
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/sign-in', component: () => import('./views/SignInView.vue'), meta: { public: true, title: 'Sign in' } },
  { path: '/forgot-password', component: () => import('./views/ForgotPasswordView.vue'), meta: { public: true, title: 'Forgot password' } },
  { path: '/reset-password', component: () => import('./views/ResetPasswordView.vue'), meta: { public: true, title: 'Reset password' } },
  { path: '/verify-email', component: () => import('./views/VerifyEmailView.vue'), meta: { public: true, title: 'Email verification' } },
  { path: '/', redirect: '/services' },
  {
    path: '/services',
    component: () => import('./views/ServicesView.vue'),
    meta: { permission: 'traces:read', nav: { label: 'Services', group: 'Observe' }, title: 'Services' },
  },
  { path: '/services/:name', component: () => import('./views/ServiceView.vue'), meta: { permission: 'traces:read', title: 'Service' } },
  {
    path: '/service-map',
    component: () => import('./views/ServiceMapView.vue'),
    meta: { permission: 'traces:read', nav: { label: 'Service map', group: 'Observe' }, title: 'Service map' },
  },
  {
    path: '/traces',
    component: () => import('./views/TracesView.vue'),
    meta: { permission: 'traces:read', nav: { label: 'Traces', group: 'Observe' }, title: 'Traces' },
  },
  { path: '/traces/:traceId', component: () => import('./views/TraceView.vue'), meta: { permission: 'traces:read', title: 'Trace' } },
  {
    path: '/logs',
    component: () => import('./views/LogsView.vue'),
    meta: { permission: 'logs:read', nav: { label: 'Logs', group: 'Observe' }, title: 'Logs' },
  },
  {
    path: '/metrics',
    component: () => import('./views/MetricsView.vue'),
    meta: { permission: 'metrics:read', nav: { label: 'Metrics', group: 'Observe' }, title: 'Metrics' },
  },
  {
    path: '/alerts',
    component: () => import('./views/alerts/AlertsView.vue'),
    meta: { permission: 'alerts:read', nav: { label: 'Alerts', group: 'Alerting' }, title: 'Alerts' },
  },
  { path: '/alerts/rules/new', component: () => import('./views/alerts/RuleEditorView.vue'), meta: { permission: 'alerts:write', title: 'New alert rule' } },
  { path: '/alerts/rules/:id', component: () => import('./views/alerts/RuleEditorView.vue'), meta: { permission: 'alerts:read', title: 'Alert rule' } },
  { path: '/alerts/rules/:id/history', component: () => import('./views/alerts/RuleHistoryView.vue'), meta: { permission: 'alerts:read', title: 'Alert history' } },
  {
    path: '/alerts/silences',
    component: () => import('./views/alerts/SilencesView.vue'),
    meta: { permission: 'notifications:read', nav: { label: 'Silences', group: 'Alerting' }, title: 'Silences' },
  },
  {
    path: '/alerts/channels',
    component: () => import('./views/alerts/ChannelsView.vue'),
    meta: { permission: 'notifications:read', nav: { label: 'Channels', group: 'Alerting' }, title: 'Notification channels' },
  },
  {
    path: '/alerts/policies',
    component: () => import('./views/alerts/PoliciesView.vue'),
    meta: { permission: 'notifications:read', nav: { label: 'Policies', group: 'Alerting' }, title: 'Notification policies' },
  },
  {
    path: '/admin/users',
    component: () => import('./views/admin/UsersView.vue'),
    meta: { permission: 'users:read', nav: { label: 'Users', group: 'Administration' }, title: 'Users' },
  },
  {
    path: '/admin/roles',
    component: () => import('./views/admin/RolesView.vue'),
    meta: { permission: 'roles:read', nav: { label: 'Roles', group: 'Administration' }, title: 'Roles' },
  },
  {
    path: '/admin/groups',
    component: () => import('./views/admin/GroupsView.vue'),
    meta: { permission: 'groups:read', nav: { label: 'Groups', group: 'Administration' }, title: 'Groups' },
  },
  {
    path: '/admin/api-keys',
    component: () => import('./views/admin/ApiKeysView.vue'),
    meta: { permission: 'api-keys:read', nav: { label: 'API keys', group: 'Administration' }, title: 'API keys' },
  },
  {
    path: '/admin/tenancy',
    component: () => import('./views/admin/TenancyView.vue'),
        // reading the tree is every member's (the tenant switcher); the page is for those who manage it
    meta: { permission: 'tenants:create', nav: { label: 'Tenancy', group: 'Administration' }, title: 'Tenancy' },
  },
  {
    path: '/admin/audit',
    component: () => import('./views/admin/AuditView.vue'),
    meta: { permission: 'audit:read', nav: { label: 'Audit log', group: 'Administration' }, title: 'Audit log' },
  },
  { path: '/profile', component: () => import('./views/ProfileView.vue'), meta: { title: 'Profile' } },
  { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { title: 'Not found' } },
]

export function makeRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach(async (to) => {
    const session = useSession()
    await session.restore()
    if (!to.meta.public && !session.signedIn) {
      return { path: '/sign-in', query: to.fullPath === '/' || to.fullPath === '/services' ? {} : { next: to.fullPath } }
    }
    if (to.path === '/sign-in' && session.signedIn) {
      return safeNext(to.query.next)
    }
    return true
  })
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · TelemetryFlow` : 'TelemetryFlow'
  })
  return router
}

/** Only a path of this console: `next` comes from the URL, so it must not send the user to another site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/services'
}
