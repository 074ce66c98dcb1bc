/** @module Messages slice: everyone's unprocessed messages, filtered by user and flow; inspect, edit, retry, delete. */
import type { AdminUnprocessedList, AdminUnprocessedMessage } from '@weft/api-client';
import { describeError, type Loadable } from './loadable.ts';
import type { SliceCreator } from './backoffice-store.ts';

export const MESSAGES_PAGE_SIZE = 50;

export interface MessageFilter {
  userId: string;
  flowId: string;
}

export interface MessagesSlice {
  messageFilter: MessageFilter;
  messages: Loadable<AdminUnprocessedList & { offset: number }>;
  selectedMessage: Loadable<AdminUnprocessedMessage>;
  isMessageBusy: boolean;
  setMessageFilter: (filter: Partial<MessageFilter>) => void;
  loadMessages: (offset?: number) => Promise<void>;
  selectMessage: (id: string | undefined) => Promise<void>;
  /** Replaces the stored message content; resolves true when saved. */
  saveMessage: (id: string, message: Record<string, unknown>) => Promise<boolean>;
  retryMessage: (id: string) => Promise<void>;
  deleteMessage: (id: string) => Promise<void>;
}

export const createMessagesSlice: SliceCreator<MessagesSlice> = (set, get, { admin }) => {
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    set({ isMessageBusy: true });
    try {
      await action();
      return true;
    } catch (error) {
      get().notify({ tone: 'danger', key: 'notice.failed', params: { message: describeError(error) } });
      return false;
    } finally {
      set({ isMessageBusy: false });
    }
  };

  /** Retried and deleted messages leave the list. */
  const forget = (id: string): void => {
    const { messages, selectedMessage } = get();
    if (messages.status === 'ready') {
      set({ messages: { status: 'ready', data: { ...messages.data, items: messages.data.items.filter((m) => m.id !== id), total: messages.data.total - 1 } } });
    }
    if (selectedMessage.status === 'ready' && selectedMessage.data.id === id) set({ selectedMessage: { status: 'idle' } });
  };

  return {
    messageFilter: { userId: '', flowId: '' },
    messages: { status: 'idle' },
    selectedMessage: { status: 'idle' },
    isMessageBusy: false,

    setMessageFilter: (filter) => set({ messageFilter: { ...get().messageFilter, ...filter } }),

    loadMessages: async (offset = 0) => {
      const { userId, flowId } = get().messageFilter;
      const previous = get().messages;
      set({ messages: { status: 'loading', data: previous.status === 'idle' ? undefined : previous.data } });
      try {
        const page = await admin.listUnprocessed({ userId: userId.trim() || undefined, flowId: flowId.trim() || undefined, offset, limit: MESSAGES_PAGE_SIZE });
        set({ messages: { status: 'ready', data: { ...page, offset } } });
      } catch (error) {
        set({ messages: { status: 'failed', error: describeError(error) } });
      }
    },

    selectMessage: async (id) => {
      if (id === undefined) {
        set({ selectedMessage: { status: 'idle' } });
        return;
      }
      set({ selectedMessage: { status: 'loading' } });
      try {
        const message = await admin.getUnprocessed(id);
        set({ selectedMessage: { status: 'ready', data: message } });
      } catch (error) {
        set({ selectedMessage: { status: 'failed', error: describeError(error) } });
      }
    },

    saveMessage: (id, message) => run(async () => {
      await admin.editUnprocessed(id, { message });
      const selected = get().selectedMessage;
      if (selected.status === 'ready' && selected.data.id === id) set({ selectedMessage: { status: 'ready', data: { ...selected.data, message } } });
      get().notify({ tone: 'success', key: 'notice.messageSaved' });
    }),

    retryMessage: async (id) => {
      await run(async () => {
        await admin.retryUnprocessed(id);
        forget(id);
        get().notify({ tone: 'success', key: 'notice.messageRetried' });
      });
    },

    deleteMessage: async (id) => {
      await run(async () => {
        await admin.deleteUnprocessed(id);
        forget(id);
        get().notify({ tone: 'success', key: 'notice.messageDeleted' });
      });
    },
  };
};
