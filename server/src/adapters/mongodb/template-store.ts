/**
 * @module MongoTemplateStore: the TemplateStore port on two MongoDB collections (`templates`: one
 * document per version; `template_instances`: one per linked flow). Records travel as JSON text:
 * wizard `when` conditions have keys like `./channel`, which MongoDB field names should not carry.
 */
import { MongoClient, type Collection } from 'mongodb';
import { WeftError } from '@weft/connector-kit';
import { matchesTemplateFilter, type InstanceLink, type TemplateListFilter, type TemplateRecord, type TemplateSaveResult, type TemplateStore } from '../../ports/template-store.ts';
import { dbNameFrom, errorMessage, isDuplicateKey } from './store.ts';

export interface MongoTemplateStoreOptions {
  url: string;
  /** Default: the database named in `url`, else `weft`. */
  dbName?: string;
}

interface TemplateDoc {
  _id: string;
  id: string;
  version: number;
  name: string;
  category: string;
  tags: string[];
  recordJson: string;
}

interface InstanceDoc {
  _id: string;
  templateId: string;
  tenantId: string;
  createdAt: number;
  linkJson: string;
}

const versionKey = (id: string, version: number) => `${id}\u0000${version}`;

export class MongoTemplateStore implements TemplateStore {
  readonly #client: MongoClient;
  readonly #templates: Collection<TemplateDoc>;
  readonly #instances: Collection<InstanceDoc>;

  private constructor(client: MongoClient, dbName: string) {
    this.#client = client;
    const db = client.db(dbName);
    this.#templates = db.collection('templates');
    this.#instances = db.collection('template_instances');
  }

  /** Connects, then creates the indexes (idempotent). Rejects with `store.unavailable`. */
  static async connect(options: MongoTemplateStoreOptions): Promise<MongoTemplateStore> {
    const client = new MongoClient(options.url, { writeConcern: { w: 'majority' }, serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      const store = new MongoTemplateStore(client, options.dbName ?? dbNameFrom(options.url));
      await store.#templates.createIndexes([{ key: { id: 1, version: -1 } }, { key: { category: 1 } }, { key: { tags: 1 } }]);
      await store.#instances.createIndexes([{ key: { templateId: 1, createdAt: 1 } }, { key: { tenantId: 1, createdAt: 1 } }]);
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new WeftError('store.unavailable', `Cannot open MongoDB: ${errorMessage(error)}`, { retry: 'retry', status: 503, cause: error });
    }
  }

  async createTemplate(record: TemplateRecord): Promise<void> {
    // Version 1 has a fixed _id, so two creates of one id cannot both insert.
    if (await this.#templates.findOne({ id: record.id })) throw new WeftError('template.conflict', `A template with id "${record.id}" already exists.`, { path: 'id' });
    try {
      await this.#templates.insertOne(toDoc(record));
    } catch (error) {
      if (isDuplicateKey(error)) throw new WeftError('template.conflict', `A template with id "${record.id}" already exists.`, { path: 'id', cause: error });
      throw error;
    }
  }

  async saveTemplateVersion(next: Omit<TemplateRecord, 'version' | 'createdAt'>, expectedVersion: number): Promise<TemplateSaveResult> {
    const current = await this.getTemplate(next.id);
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.version !== expectedVersion) return { ok: false, reason: 'conflict', current };
    const template: TemplateRecord = { ...next, version: current.version + 1, createdAt: current.createdAt };
    try {
      // The _id names the version: of two saves on the same version, one inserts and one conflicts.
      await this.#templates.insertOne(toDoc(template));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const newer = await this.getTemplate(next.id);
      return newer ? { ok: false, reason: 'conflict', current: newer } : { ok: false, reason: 'not_found' };
    }
    return { ok: true, template };
  }

  async getTemplate(id: string, version?: number): Promise<TemplateRecord | undefined> {
    const doc = version === undefined
      ? await this.#templates.findOne({ id }, { sort: { version: -1 } })
      : await this.#templates.findOne({ _id: versionKey(id, version) });
    return doc ? (JSON.parse(doc.recordJson) as TemplateRecord) : undefined;
  }

  async listTemplates(filter: TemplateListFilter = {}): Promise<TemplateRecord[]> {
    const query: Record<string, unknown> = {};
    if (filter.category !== undefined) query.category = filter.category;
    const newest = new Map<string, TemplateRecord>();
    for await (const doc of this.#templates.find(query).sort({ id: 1, version: -1 })) {
      if (!newest.has(doc.id)) newest.set(doc.id, JSON.parse(doc.recordJson) as TemplateRecord);
    }
    return [...newest.values()]
      .filter((template) => matchesTemplateFilter(template, filter))
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : 1));
  }

  async deleteTemplate(id: string): Promise<boolean> {
    await this.#instances.deleteMany({ templateId: id });
    return (await this.#templates.deleteMany({ id })).deletedCount > 0;
  }

  async putInstance(link: InstanceLink): Promise<void> {
    const doc: InstanceDoc = { _id: link.flowId, templateId: link.templateId, tenantId: link.tenantId, createdAt: link.createdAt, linkJson: JSON.stringify(link) };
    await this.#instances.replaceOne({ _id: link.flowId }, doc, { upsert: true });
  }

  async getInstance(flowId: string): Promise<InstanceLink | undefined> {
    const doc = await this.#instances.findOne({ _id: flowId });
    return doc ? (JSON.parse(doc.linkJson) as InstanceLink) : undefined;
  }

  async listInstances(query: { tenantId: string } | { templateId: string }): Promise<InstanceLink[]> {
    const filter = 'tenantId' in query ? { tenantId: query.tenantId } : { templateId: query.templateId };
    const docs = await this.#instances.find(filter).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map((doc) => JSON.parse(doc.linkJson) as InstanceLink);
  }

  async deleteInstance(flowId: string): Promise<boolean> {
    return (await this.#instances.deleteOne({ _id: flowId })).deletedCount > 0;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}

function toDoc(record: TemplateRecord): TemplateDoc {
  return { _id: versionKey(record.id, record.version), id: record.id, version: record.version, name: record.name, category: record.category, tags: record.tags, recordJson: JSON.stringify(record) };
}
