// Routes per role, loaded lazily: a wall display, the operator console and its audit page, the leader view (a
// phone or a tablet), the login page, and the widget gallery (development).
import { createRouter, createWebHashHistory } from 'vue-router';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/console' },
    {
      path: '/wall/:displayId',
      name: 'wall',
      component: () => import('./wall/WallDisplayView.vue'),
      props: true,
    },
    { path: '/console', name: 'console', component: () => import('./console/ConsoleView.vue') },
    { path: '/leader', name: 'leader', component: () => import('./leader/LeaderView.vue') },
    {
      path: '/console/journal',
      name: 'journal',
      component: () => import('./console/journal/JournalView.vue'),
    },
    { path: '/login', name: 'login', component: () => import('./login/LoginView.vue') },
    { path: '/gallery', name: 'gallery', component: () => import('./gallery/GalleryView.vue') },
  ],
});

/** The role a window plays, read from its URL before the router starts (for the hello). */
export function roleFromHash(hash: string): { role: 'wall' | 'console' | 'leader'; displayId?: string } {
  const match = /^#\/wall\/([a-z0-9][a-z0-9_-]*)/.exec(hash);
  if (match) return { role: 'wall', displayId: match[1]! };
  return /^#\/leader(?:[/?]|$)/.test(hash) ? { role: 'leader' } : { role: 'console' };
}
