// Listener bookkeeping shared by both transports: per-event listeners and connection-status listeners.
import { eventSchemas, isEventName, type EventName, type EventPayload } from '@shared/protocol';
import type { ConnectionStatus } from './core-client';

export class EventFanout {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  status: ConnectionStatus = 'connecting';

  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  onStatusChanged(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Validates an incoming event at the edge and hands it to its listeners; bad events are dropped loudly. */
  emit(name: string, payload: unknown): void {
    if (!isEventName(name)) return void console.warn(`[transport] unknown event '${name}'`);
    const parsed = eventSchemas[name].safeParse(payload);
    if (!parsed.success) return void console.warn(`[transport] malformed event '${name}'`, parsed.error);
    for (const listener of this.listeners.get(name) ?? [])
      (listener as (payload: unknown) => void)(parsed.data);
  }

  setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
