/** @module Adapter selection: builds the Store, TemplateStore, Bus and LogIndex the configuration asks for. */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Bus } from '../ports/bus.ts';
import type { LogIndex } from '../ports/log-index.ts';
import type { Store } from '../ports/store.ts';
import type { TemplateStore } from '../ports/template-store.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import { EmbeddedAuditLog, EmbeddedStore, openEmbedded } from './embedded/index.ts';

export interface Adapters {
  store: Store;
  /** Integration templates and the flows made from them: beside the Store, with the same backend (WEFT_STORE). */
  templates: TemplateStore;
  /** Who did what (`GET /audit`): beside the Store, with the same backend (WEFT_STORE). */
  audit: AuditLog;
  bus: Bus;
  logIndex: LogIndex;
  names: { store: string; bus: string; logs: string };
  close(): Promise<void>;
}

export async function openAdapters(config: Config): Promise<Adapters> {
  const needsEmbedded = config.WEFT_STORE === 'embedded' || config.WEFT_BUS === 'embedded' || config.WEFT_LOGS === 'embedded';
  let embedded: ReturnType<typeof openEmbedded> | undefined;
  if (needsEmbedded) {
    mkdirSync(config.WEFT_DATA_DIR, { recursive: true, mode: 0o700 });
    // Owner only, whatever the umask, and also when the folder already existed.
    chmodSync(config.WEFT_DATA_DIR, 0o700);
    embedded = openEmbedded({
      file: join(config.WEFT_DATA_DIR, 'weft.sqlite'),
      logsFile: join(config.WEFT_DATA_DIR, 'logs.sqlite'),
      durability: config.WEFT_EMBEDDED_DURABILITY,
      bus: { visibilityTimeoutMs: config.WEFT_EMBEDDED_VISIBILITY_MS },
    });
  }
  const closers: (() => Promise<void>)[] = [];

  let store: Store;
  if (config.WEFT_STORE === 'mongodb') {
    const { MongoStore } = await import('./mongodb/index.ts');
    store = await MongoStore.connect({ url: config.WEFT_MONGODB_URL });
    closers.push(() => store.close());
  } else store = embedded!.store;

  let templates: TemplateStore;
  if (config.WEFT_STORE === 'mongodb') {
    const { MongoTemplateStore } = await import('./mongodb/index.ts');
    const mongoTemplates = await MongoTemplateStore.connect({ url: config.WEFT_MONGODB_URL });
    templates = mongoTemplates;
    closers.push(() => mongoTemplates.close());
  } else templates = embedded!.templates;

  let audit: AuditLog;
  if (config.WEFT_STORE === 'mongodb') {
    const { MongoAuditLog } = await import('./mongodb/index.ts');
    const mongoAudit = await MongoAuditLog.connect({ url: config.WEFT_MONGODB_URL });
    audit = mongoAudit;
    closers.push(() => mongoAudit.close());
  } else audit = embedded!.audit;

  let bus: Bus;
  if (config.WEFT_BUS === 'rabbitmq') {
    const { RabbitBus } = await import('./rabbitmq/index.ts');
    bus = await RabbitBus.connect({ url: config.WEFT_AMQP_URL, prefix: config.WEFT_AMQP_PREFIX, statsFile: config.WEFT_AMQP_STATS_FILE });
    closers.push(() => bus.close());
  } else bus = embedded!.bus;

  let logIndex: LogIndex;
  if (config.WEFT_LOGS === 'elasticsearch') {
    const { ElasticLogIndex } = await import('./elasticsearch/index.ts');
    logIndex = await ElasticLogIndex.connect({ node: config.WEFT_ELASTICSEARCH_URL });
    closers.push(() => logIndex.close());
  } else logIndex = embedded!.logIndex;

  return {
    store, templates, audit, bus, logIndex,
    names: { store: config.WEFT_STORE, bus: config.WEFT_BUS, logs: config.WEFT_LOGS },
    async close() {
      for (const close of closers) await close();
      await embedded?.close();
    },
  };
}

/** Only the AuditLog, for commands that record what they change (`weft users …`, `weft keys …`). */
export async function openAuditLog(config: Config): Promise<AuditLog> {
  if (config.WEFT_STORE === 'mongodb') {
    const { MongoAuditLog } = await import('./mongodb/index.ts');
    return MongoAuditLog.connect({ url: config.WEFT_MONGODB_URL });
  }
  mkdirSync(config.WEFT_DATA_DIR, { recursive: true });
  return new EmbeddedAuditLog({ file: join(config.WEFT_DATA_DIR, 'weft.sqlite'), durability: config.WEFT_EMBEDDED_DURABILITY });
}

/** Only the Store, for commands that touch accounts (`weft users …`): no Bus consumers, no log thread. */
export async function openStore(config: Config): Promise<Store> {
  if (config.WEFT_STORE === 'mongodb') {
    const { MongoStore } = await import('./mongodb/index.ts');
    return MongoStore.connect({ url: config.WEFT_MONGODB_URL });
  }
  mkdirSync(config.WEFT_DATA_DIR, { recursive: true });
  return new EmbeddedStore({ file: join(config.WEFT_DATA_DIR, 'weft.sqlite'), durability: config.WEFT_EMBEDDED_DURABILITY });
}
