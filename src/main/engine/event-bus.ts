/** A typed event emitter: the one place engine modules publish what transports forward to clients. */
import { EventEmitter } from 'node:events';
import type { EngineEventName, EngineEvents } from '../../shared/events';

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit<K extends EngineEventName>(name: K, payload: EngineEvents[K]): void {
    this.emitter.emit(name, payload);
    this.emitter.emit('*', name, payload);
  }

  on<K extends EngineEventName>(name: K, fn: (payload: EngineEvents[K]) => void): () => void {
    this.emitter.on(name, fn);
    return () => this.emitter.off(name, fn);
  }

  /** Every event, for transports that forward all of them. */
  onAny(fn: (name: EngineEventName, payload: unknown) => void): () => void {
    this.emitter.on('*', fn);
    return () => this.emitter.off('*', fn);
  }
}
