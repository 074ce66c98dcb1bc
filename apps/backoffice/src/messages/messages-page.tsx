/** @module MessagesPage: unprocessed messages of every user, filtered by user and flow; one opens in the inspector. */
import { useEffect, type FormEvent } from 'react';
import { Button, EmptyState, ErrorState, Spinner, TextInput, Toolbar, ToolbarSpacer, useStrings } from '@weft/ui-kit';
import { MESSAGES_PAGE_SIZE } from '../store/messages-slice.ts';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import { Pager } from '../shell/pager.tsx';
import { MessageTable } from './message-table.tsx';
import { MessageInspector } from './message-inspector.tsx';

export function MessagesPage() {
  const t = useStrings();
  const messages = useBackofficeStore((s) => s.messages);
  const userId = useBackofficeStore((s) => s.messageFilter.userId);
  const flowId = useBackofficeStore((s) => s.messageFilter.flowId);
  const setMessageFilter = useBackofficeStore((s) => s.setMessageFilter);
  const loadMessages = useBackofficeStore((s) => s.loadMessages);
  const hasSelection = useBackofficeStore((s) => s.selectedMessage.status !== 'idle');

  useEffect(() => {
    void loadMessages();
  }, [loadMessages]);

  const filter = (event: FormEvent) => {
    event.preventDefault();
    void loadMessages(0);
  };
  const page = messages.status === 'idle' ? undefined : messages.data;

  return (
    <section className="bo-page" aria-labelledby="bo-messages-title">
      <form onSubmit={filter}>
        <Toolbar label={t('messages.title')}>
          <h1 id="bo-messages-title" className="bo-page__title">{t('messages.title')}</h1>
          <ToolbarSpacer />
          <TextInput label={t('messages.filterUser')} value={userId} className="weft-mono" onChange={(value) => setMessageFilter({ userId: value })} />
          <TextInput label={t('messages.filterFlow')} value={flowId} className="weft-mono" onChange={(value) => setMessageFilter({ flowId: value })} />
          <Button type="submit">{t('messages.apply')}</Button>
        </Toolbar>
      </form>
      {messages.status === 'failed' ? <ErrorState error={messages.error} onRetry={() => void loadMessages()} /> : null}
      {!page && messages.status === 'loading' ? <Spinner /> : null}
      {page ? (
        <div className="bo-split" data-open={hasSelection}>
          <div className="bo-split__main">
            {page.items.length === 0 ? <EmptyState title={t('messages.empty')} /> : <MessageTable items={page.items} />}
            {page.total > 0 ? <Pager label={t('messages.title')} offset={page.offset} limit={MESSAGES_PAGE_SIZE} total={page.total} onPage={(offset) => void loadMessages(offset)} /> : null}
          </div>
          {hasSelection ? <MessageInspector /> : null}
        </div>
      ) : null}
    </section>
  );
}
