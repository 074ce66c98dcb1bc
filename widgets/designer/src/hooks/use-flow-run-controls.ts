/** @module Flow run controls: start, stop and publish the flow, saving first, and tell the host. */
import { useState } from 'react';
import { z } from 'zod';
import { FlowProblem } from '@weft/api-client';
import { errorMessage, isConflict } from '../api/designer-api.ts';
import { useDesignerStoreApi } from '../store/designer-store-context.tsx';
import { useDesignerServices } from './use-designer-services.ts';

export function useFlowRunControls(): { start: () => Promise<void>; stop: () => Promise<void>; publish: () => Promise<void>; isBusy: boolean } {
  const store = useDesignerStoreApi();
  const { api, autosave, emit, t } = useDesignerServices();
  const [isBusy, setBusy] = useState(false);

  const run = async (action: 'start' | 'stop' | 'publish') => {
    const { flowId } = store.getState();
    setBusy(true);
    try {
      await autosave.flush();
      if (action === 'publish') {
        // Flushed: the draft version the canvas is based on is the one to publish.
        if (!api.publishFlow) return;
        if (store.getState().conflict !== undefined) return;
        const flow = await api.publishFlow(flowId, { version: store.getState().version });
        store.getState().markPublished(flow);
        store.getState().announce(t('designer.announce.published', { version: flow.publishedVersion ?? 0 }));
        emit({ type: 'flow:publish', flowId, version: flow.publishedVersion ?? 0 });
        return;
      }
      // Start publishes a changed draft first (the server does): the answer says which version runs.
      const flow = action === 'start' ? await api.startFlow(flowId) : await api.stopFlow(flowId);
      store.getState().markPublished(flow);
      store.getState().announce(t(action === 'start' ? 'designer.announce.started' : 'designer.announce.stopped'));
      emit({ type: action === 'start' ? 'flow:start' : 'flow:stop', flowId });
    } catch (error) {
      if (isConflict(error)) {
        store.getState().markConflict(error.current);
        return;
      }
      // A flow that fails validation on start says why: in a banner listing the problems, on the
      // nodes and fields, and by selecting the first broken component.
      const parsed = z.array(FlowProblem).safeParse((error as { details?: unknown }).details);
      const problems = parsed.success ? parsed.data : [];
      if (action === 'start' || action === 'publish') {
        const message = problems.length > 0
          ? t(action === 'start' ? 'designer.startFailed.problems' : 'designer.publishFailed.problems', { count: problems.length })
          : t(action === 'start' ? 'designer.startFailed' : 'designer.publishFailed', { message: errorMessage(error) });
        store.getState().failStart({ message, problems });
        store.getState().announce(message);
      } else {
        if (problems.length > 0) store.getState().setProblems(problems);
        store.getState().announce(errorMessage(error));
      }
      emit({ type: 'designer:error', flowId, message: errorMessage(error), code: typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'flow.error' });
    } finally {
      setBusy(false);
    }
  };
  return { start: () => run('start'), stop: () => run('stop'), publish: () => run('publish'), isBusy };
}
