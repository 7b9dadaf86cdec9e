// Listener bookkeeping shared by both transports: one Emitter per event name and one for the connection status.
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';
import { eventSchemas, isEventName, type EventName, type EventPayload } from '@shared/protocol';
import type { ConnectionStatus } from './core-client';

export class EventFanout implements Disposable {
  private readonly emitters = new Map<EventName, Emitter<unknown>>();
  private readonly statusChanged = new Emitter<ConnectionStatus>();
  status: ConnectionStatus = 'connecting';

  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
    let emitter = this.emitters.get(name);
    if (!emitter) this.emitters.set(name, (emitter = new Emitter()));
    const subscription = emitter.on(listener as (payload: unknown) => void);
    return () => subscription.dispose();
  }

  onStatusChanged(listener: (status: ConnectionStatus) => void): () => void {
    const subscription = this.statusChanged.on(listener);
    return () => subscription.dispose();
  }

  /** Validates an incoming event at the edge and hands it to its listeners; bad events are dropped loudly. */
  emit(name: string, payload: unknown): void {
    if (!isEventName(name)) return void console.warn(`[transport] unknown event '${name}'`);
    const parsed = eventSchemas[name].safeParse(payload);
    if (!parsed.success) return void console.warn(`[transport] malformed event '${name}'`, parsed.error);
    this.emitters.get(name)?.fire(parsed.data);
  }

  setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.statusChanged.fire(status);
  }

  /** Drops every listener: the client is closed and nothing will arrive any more. */
  dispose(): void {
    for (const emitter of this.emitters.values()) emitter.dispose();
    this.emitters.clear();
    this.statusChanged.dispose();
  }
}
