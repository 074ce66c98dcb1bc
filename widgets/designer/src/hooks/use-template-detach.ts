/** @module useTemplateDetach: the first edit of a flow made from a template detaches it (it stops following the template). */
import { useEffect } from 'react';
import { errorMessage } from '../api/designer-api.ts';
import type { DesignerStore } from '../store/create-designer-store.ts';
import type { DesignerServices } from './use-designer-services.ts';

export function useTemplateDetach(store: DesignerStore, { api, emit, t }: Pick<DesignerServices, 'api' | 'emit' | 't'>): void {
  useEffect(() => {
    const detach = api.detachIntegration;
    if (!detach) return;
    return store.subscribe((state) => {
      const link = state.templateLink;
      if (!link || state.isDetaching || state.revision <= state.savedRevision) return;
      state.setDetaching(true);
      const { flowId } = state;
      detach(flowId).then(() => {
        store.getState().setTemplateLink(undefined);
        store.getState().announce(t('designer.integration.detached', { name: link.name }));
        emit({ type: 'integration:detach', flowId, templateId: link.templateId });
      }, (error: unknown) => {
        // Still linked: the next edit tries again.
        store.getState().announce(t('designer.integration.detachFailed', { message: errorMessage(error) }));
        emit({ type: 'designer:error', flowId, message: errorMessage(error) });
      }).finally(() => store.getState().setDetaching(false));
    });
  }, [api, emit, store, t]);
}
