/** @module Admin client context: pages with their own store (the modifier editor) reach the client through it. */
import { createContext, useContext, type ReactNode } from 'react';
import type { AdminClient } from './admin-client.ts';

const AdminClientContext = createContext<AdminClient | null>(null);

export function AdminClientProvider({ client, children }: { client: AdminClient; children: ReactNode }) {
  return <AdminClientContext.Provider value={client}>{children}</AdminClientContext.Provider>;
}

export function useAdminClient(): AdminClient {
  const client = useContext(AdminClientContext);
  if (!client) throw new Error('useAdminClient must be used inside <AdminClientProvider>');
  return client;
}
