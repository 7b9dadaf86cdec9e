// Entry of every window: connects to the core, provides the window context, mounts the app.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router, roleFromHash } from './router';
import { i18n } from './i18n';
import { createCoreClient } from './transport/create-client';
import { LiveData } from './data/live-data';
import { windowContextKey, type WindowContext } from './data/context';
import { useSessionStore } from './stores/session-store';
import './ui/theme.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(router).use(i18n);

const client = createCoreClient();
const session = useSessionStore(pinia);
const { role, displayId } = roleFromHash(window.location.hash);
session.start(client, role, displayId);

const context: WindowContext = {
  client,
  liveData: new LiveData(client, () => session.hello?.historyLength),
  get indicators() {
    return session.indicatorsById;
  },
  get wall() {
    if (!session.hello) throw new Error('the wall is not known before the hello');
    return session.hello.wall;
  },
  // The leader view is read-only whoever signed in: its map takes no clicks, even an operator's.
  canCommand: () => session.can('wall.command') && router.currentRoute.value.name !== 'leader',
};
app.provide(windowContextKey, context);
app.mount('#app');
