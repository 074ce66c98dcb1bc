/** @module Template dialog: turn the open flow into a template: choose the properties the wizard asks, name it, save it. */
import { useEffect, useMemo, useState } from 'react';
import { Button, Dialog, Select, TextArea, TextInput } from '@weft/ui-kit';
import type { TemplateList } from '@weft/api-client';
import { errorMessage } from '../api/designer-api.ts';
import { graphToDescriptor } from '../graph/descriptor-graph.ts';
import { portOfHandle } from '../graph/types.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore, useDesignerStoreApi } from '../store/designer-store-context.tsx';
import { draftPath, draftProblems, fieldFor, listAskableProperties, templateBody, type DraftField, type DraftProblems, type TemplateDraft } from './template-draft.ts';
import { TemplateFieldEditor } from './template-field-editor.tsx';

const NEW = '';
const askKey = (componentId: string, path: string) => `${componentId}\n${path}`;

/** The engine's 422 names a path, and `details` may list more problems, each with its own path. */
function serverProblems(error: unknown): DraftProblems {
  const problems: DraftProblems = {};
  if (typeof error !== 'object' || error === null) return problems;
  const { path, message, details } = error as { path?: unknown; message?: unknown; details?: unknown };
  if (Array.isArray(details)) {
    for (const detail of details as { path?: unknown; message?: unknown }[]) {
      if (typeof detail.path === 'string' && typeof detail.message === 'string') problems[draftPath(detail.path)] ??= { code: 'engine', message: detail.message };
    }
  }
  if (typeof path === 'string' && typeof message === 'string') problems[draftPath(path)] ??= { code: 'engine', message };
  return problems;
}

export function TemplateDialog() {
  const { api, t, emit } = useDesignerServices();
  const store = useDesignerStoreApi();
  const nodes = useDesignerStore((s) => s.nodes);
  const edges = useDesignerStore((s) => s.edges);
  const manifests = useDesignerStore((s) => s.manifests);
  const flowName = useDesignerStore((s) => s.flowName);
  const askables = useMemo(() => listAskableProperties(
    nodes.map((node) => ({ id: node.id, type: node.data.type, label: node.data.label })),
    edges.flatMap((edge) => {
      const out = portOfHandle(edge.sourceHandle);
      const into = portOfHandle(edge.targetHandle);
      return out && into ? [{ source: edge.source, outPort: out.port, target: edge.target, inPort: into.port }] : [];
    }),
    manifests,
  ), [nodes, edges, manifests]);
  const [draft, setDraft] = useState<TemplateDraft>({ name: flowName, description: '', category: '', icon: '', fields: [] });
  const [target, setTarget] = useState(NEW);
  const [existing, setExisting] = useState<TemplateList['items']>([]);
  // Once Create was pressed, the draft is checked as it changes; the engine's answer stands until the next edit.
  const [hasTried, setTried] = useState(false);
  const [fromEngine, setFromEngine] = useState<DraftProblems>({});
  const [isSaving, setSaving] = useState(false);
  const close = () => store.getState().openPanel(undefined);

  useEffect(() => {
    let isCurrent = true;
    api.listTemplates?.().then((list) => { if (isCurrent) setExisting(list.items); }, () => undefined);
    return () => {
      isCurrent = false;
    };
  }, [api]);

  const bodyOf = (d: TemplateDraft) => {
    const { nodes: current, edges: currentEdges } = store.getState();
    return templateBody(d, graphToDescriptor({ nodes: current, edges: currentEdges }), askables);
  };
  const found = hasTried ? draftProblems(bodyOf(draft)) : {};
  const problems: Record<string, string> = {};
  for (const [path, problem] of Object.entries({ ...fromEngine, ...found })) {
    problems[path] = problem.code === 'required' ? t('designer.template.problem.required')
      : problem.code === 'options' ? t('designer.template.problem.options')
        : problem.code === 'duplicate' ? t('designer.template.problem.duplicate')
          : problem.message;
  }
  const change = (next: (d: TemplateDraft) => TemplateDraft) => {
    setFromEngine({});
    setDraft(next);
  };

  const asked = new Map(draft.fields.map((field) => [askKey(field.componentId, field.path), field]));
  const toggle = (index: number, isAsked: boolean) => {
    const askable = askables[index];
    if (!askable) return;
    const key = askKey(askable.componentId, askable.path);
    change((d) => ({
      ...d,
      fields: isAsked ? [...d.fields, fieldFor(askable, new Set(d.fields.map((f) => f.id)))] : d.fields.filter((f) => askKey(f.componentId, f.path) !== key),
    }));
  };
  const setField = (next: DraftField) => change((d) => ({ ...d, fields: d.fields.map((f) => (f.id === next.id ? next : f)) }));

  const save = async () => {
    const body = bodyOf(draft);
    setTried(true);
    if (Object.keys(draftProblems(body)).length > 0) return;
    const replaced = existing.find((item) => item.id === target);
    setSaving(true);
    try {
      const saved = replaced && api.updateTemplate
        ? await api.updateTemplate(replaced.id, { ...body, version: replaced.version })
        : await api.createTemplate!(body);
      emit({ type: 'template:save', flowId: store.getState().flowId, templateId: saved.id, version: saved.version });
      store.getState().announce(t('designer.template.saved', { name: saved.name, version: saved.version }));
      store.getState().setSavedTemplate({ name: saved.name, version: saved.version });
      close();
    } catch (error) {
      const fromServer = serverProblems(error);
      setFromEngine(Object.keys(fromServer).length > 0 ? fromServer : { form: { code: 'engine', message: errorMessage(error) } });
    } finally {
      setSaving(false);
    }
  };

  const actions = <Button variant="primary" onClick={() => void save()} disabled={isSaving}>{t(target === NEW ? 'designer.template.create' : 'designer.template.saveVersion')}</Button>;
  return (
    <Dialog title={t('designer.template.title')} onClose={close} actions={actions}>
      <form className="wd-form wd-template" onSubmit={(event) => { event.preventDefault(); void save(); }}>
        {existing.length > 0 && api.updateTemplate && (
          <Select
            label={t('designer.template.target')}
            value={target}
            options={[{ value: NEW, label: t('designer.template.targetNew') }, ...existing.map((item) => ({ value: item.id, label: t('designer.template.targetVersion', { name: item.name, version: item.version + 1 }) }))]}
            onChange={setTarget}
          />
        )}
        <TextInput label={t('designer.template.name')} value={draft.name} onChange={(name) => change((d) => ({ ...d, name }))} error={problems.name} />
        <TextArea label={t('designer.template.description')} rows={2} value={draft.description} onChange={(description) => change((d) => ({ ...d, description }))} error={problems.description} />
        <TextInput label={t('designer.template.category')} value={draft.category} onChange={(category) => change((d) => ({ ...d, category }))} error={problems.category} />
        <TextInput label={t('designer.template.icon')} placeholder={t('designer.template.iconHint')} value={draft.icon} onChange={(icon) => change((d) => ({ ...d, icon }))} error={problems.icon} />
        <fieldset className="wd-template__ask">
          <legend>{t('designer.template.ask')}</legend>
          {askables.length === 0 && <em>{t('designer.template.nothingToAsk')}</em>}
          {askables.map((askable, index) => {
            const field = asked.get(askKey(askable.componentId, askable.path));
            const fieldIndex = field ? draft.fields.indexOf(field) : -1;
            return (
              <div key={askKey(askable.componentId, askable.path)} className="wd-template__property">
                <label className="wd-check">
                  <input type="checkbox" checked={field !== undefined} onChange={(event) => toggle(index, event.target.checked)} />
                  {t(askable.sourceLabel === undefined ? 'designer.template.askProperty' : 'designer.template.askField', { component: askable.componentLabel, property: askable.input.label, source: askable.sourceLabel ?? '' })}
                </label>
                {field && (
                  <TemplateFieldEditor field={field} index={fieldIndex} others={draft.fields.filter((f) => f !== field)} problems={problems} onChange={setField} />
                )}
              </div>
            );
          })}
        </fieldset>
        {(problems.form ?? problems.wizard ?? problems.flow) !== undefined && <p className="wd-error" role="alert">{problems.form ?? problems.wizard ?? problems.flow}</p>}
      </form>
    </Dialog>
  );
}
