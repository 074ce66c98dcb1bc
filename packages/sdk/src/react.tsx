/**
 * @module @weft/sdk/react: the widgets as React components for React hosts. Each renders a <div> and
 * mounts the widget into its shadow root through the SDK, so styles stay isolated and chunks stay lazy.
 *
 *   const weft = new Weft({ baseUrl, accessToken });
 *   <FlowManager weft={weft} on={{ 'flow:open': ({ flowId }) => setFlowId(flowId) }} />
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Weft } from './index.ts';
import type { WidgetInstance } from './widget-instance.ts';
import type { WidgetKind } from './lazy/index.ts';

export interface WeftWidgetProps {
  weft: Weft;
  /** Widget options, e.g. `{ flowId }`; changes are applied with `instance.set()`. */
  options?: Record<string, unknown>;
  /** Host event handlers, e.g. `{ 'flow:open': handler }`. */
  on?: Record<string, (detail: never) => void>;
  /** Receives the SDK instance (open/close/reload/state…) once created. */
  onInstance?: (instance: WidgetInstance | null) => void;
  className?: string;
  style?: CSSProperties;
}

function WeftWidget({ kind, weft, options, on, onInstance, className, style }: WeftWidgetProps & { kind: WidgetKind }) {
  const el = useRef<HTMLDivElement>(null);
  const [instance, setInstance] = useState<WidgetInstance | null>(null);
  const initialOptions = useRef(options);

  useEffect(() => {
    if (!el.current) return;
    const created = weft.ui[kind]({ el: el.current, options: initialOptions.current ?? {} });
    setInstance(created);
    return () => {
      created.destroy();
      setInstance(null);
    };
  }, [weft, kind]);

  useEffect(() => {
    if (!instance || !options) return;
    for (const [key, value] of Object.entries(options)) if (instance.get(key) !== value) instance.set(key, value);
  }, [instance, options]);

  useEffect(() => {
    if (!instance || !on) return;
    const entries = Object.entries(on) as [string, (detail: unknown) => void][];
    for (const [event, handler] of entries) instance.on(event, handler);
    return () => {
      for (const [event, handler] of entries) instance.off(event, handler);
    };
  }, [instance, on]);

  useEffect(() => onInstance?.(instance), [instance, onInstance]);

  return <div ref={el} className={className} style={style} data-weft-widget={kind} />;
}

export function FlowManager(props: WeftWidgetProps) {
  return <WeftWidget kind="FlowManager" {...props} />;
}

export function Designer(props: WeftWidgetProps & { options: { flowId: string } & Record<string, unknown> }) {
  return <WeftWidget kind="Designer" {...props} />;
}

export function InsightsLogs(props: WeftWidgetProps) {
  return <WeftWidget kind="InsightsLogs" {...props} />;
}

export function Accounts(props: WeftWidgetProps) {
  return <WeftWidget kind="Accounts" {...props} />;
}

export function Integrations(props: WeftWidgetProps) {
  return <WeftWidget kind="Integrations" {...props} />;
}

export function Wizard(props: WeftWidgetProps & { options: ({ templateId: string } | { flowId: string }) & Record<string, unknown> }) {
  return <WeftWidget kind="Wizard" {...props} />;
}

export { Weft };
export type { WidgetInstance };
