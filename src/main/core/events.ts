// Events from core to every view (Electron windows, the e2e harness, the tray). Payloads are
// parsed through the contract before they go out, like command results.
import { EventEmitter } from 'node:events';
import { events, type EventName, type EventPayload } from '../../common/ipc/contract';

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export class AppEvents {
  private readonly emitter = new EventEmitter();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const parsed = events[name].parse(payload) as EventPayload<N>;
    this.emitter.emit('event', name, parsed);
  }

  /** Listens to every event; returns an unsubscribe function. */
  onAny(listener: EventListener): () => void {
    const l = (name: EventName, payload: unknown) => listener(name, payload as never);
    this.emitter.on('event', l);
    return () => this.emitter.off('event', l);
  }
}
