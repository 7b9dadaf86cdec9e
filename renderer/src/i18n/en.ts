// English UI text.
import type { Messages } from './zh-CN';

export const en: Messages = {
  app: { name: 'Tianmu', subtitle: 'City operations video wall' },
  connection: {
    connecting: 'Connecting to the core…',
    open: 'Connected',
    reconnecting: 'Connection lost, reconnecting…',
    closed: 'Disconnected',
  },
  console: {
    title: 'Duty console',
    scenarios: 'Scenarios',
    active: 'Active',
    activate: 'Switch',
    return: 'Back to previous',
    wall: 'Wall preview',
    duty: 'On duty',
    leader: 'Shift leader',
    operators: 'Operators',
    language: '中文',
    mode: { normal: 'Normal', emergency: 'Emergency', special: 'Special' },
    switched: 'Switched to {name}',
    failed: 'Failed: {message}',
  },
  wall: {
    unknownDisplay: 'Unknown display: {id}',
    loading: 'Loading…',
  },
  widget: {
    failed: 'Widget failed: {message}',
    empty: 'Idle',
    stale: 'Stale data',
    sourceTime: 'Source time',
    ranking: 'Ranking',
    noData: 'No data',
    age: {
      seconds: '{n} s ago',
      minutes: '{n} min ago',
      hours: '{n} h ago',
    },
  },
  sources: {
    title: 'Sources',
    state: { connecting: 'Connecting', open: 'OK', reconnecting: 'Reconnecting', stopped: 'Stopped' },
    lastMessage: 'last message {time}',
    nextAttempt: 'retry in {seconds} s',
    counters: 'reconnects {reconnects} · resyncs {resyncs} · refused {rejected}',
    allHealthy: 'Sources OK',
    unhealthy: '{count} source(s) down',
  },
  board: {
    title: 'Warnings',
    none: 'No warnings',
    raised: 'since {time} ({age})',
  },
  level: { normal: 'Normal', blue: 'Blue', yellow: 'Yellow', orange: 'Orange', red: 'Red' },
};
