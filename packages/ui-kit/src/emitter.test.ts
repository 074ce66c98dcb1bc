import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from './emitter.ts';

describe('the widget emitter', () => {
  it('tells the widget whether the host handled an event', () => {
    const emitter = createEmitter();
    expect(emitter.emit('flow:open', { flowId: 'f1' })).toBe(false);
    const handler = vi.fn();
    emitter.on('flow:open', handler);
    expect(emitter.emit('flow:open', { flowId: 'f1' })).toBe(true);
    expect(handler).toHaveBeenCalledWith({ flowId: 'f1' });
    emitter.off('flow:open', handler);
    expect(emitter.has('flow:open')).toBe(false);
  });
  it('keeps calling other handlers when one throws', () => {
    const emitter = createEmitter();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = vi.fn();
    emitter.on('x', () => { throw new Error('host bug'); });
    emitter.on('x', second);
    emitter.emit('x');
    expect(second).toHaveBeenCalled();
    error.mockRestore();
  });
});
