/**
 * @module EmbeddedTemplateStore: the TemplateStore port on two SQLite tables of the one embedded
 * file (every template version a row; instance links keyed by flow id), made by its migrations.
 */
import { WeftError } from '@weft/connector-kit';
import { matchesTemplateFilter, type InstanceLink, type TemplateListFilter, type TemplateRecord, type TemplateSaveResult, type TemplateStore } from '../../ports/template-store.ts';
import { migrate } from './migrations.ts';
import { resolveDatabase, type DatabaseSource, type SqliteDatabase } from './open-database.ts';

export type EmbeddedTemplateStoreOptions = DatabaseSource;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS templates (
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (id, version)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS templates_category ON templates (category, id);

  CREATE TABLE IF NOT EXISTS template_instances (
    flow_id TEXT PRIMARY KEY,
    template_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    link TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS template_instances_template ON template_instances (template_id, created_at);
  CREATE INDEX IF NOT EXISTS template_instances_tenant ON template_instances (tenant_id, created_at);
`;

/** The newest version of each template (the templates are a catalogue: tens or hundreds, not millions). */
const NEWEST = 'SELECT record FROM templates t WHERE version = (SELECT max(version) FROM templates WHERE id = t.id)';

export class EmbeddedTemplateStore implements TemplateStore {
  readonly #db: SqliteDatabase;
  readonly #isOwned: boolean;

  constructor(options: EmbeddedTemplateStoreOptions) {
    const { db, isOwned } = resolveDatabase(options);
    this.#db = db;
    this.#isOwned = isOwned;
    migrate(db, 'templates', [{ version: 1, name: 'templates and their instances', up: (database) => database.exec(SCHEMA) }]);
  }

  async createTemplate(record: TemplateRecord): Promise<void> {
    const insert = this.#db.transaction(() => {
      if (this.#db.prepare('SELECT 1 FROM templates WHERE id = ?').get(record.id) !== undefined) {
        throw new WeftError('template.conflict', `A template with id "${record.id}" already exists.`, { path: 'id' });
      }
      this.#insert(record);
    });
    insert.immediate();
  }

  async saveTemplateVersion(next: Omit<TemplateRecord, 'version' | 'createdAt'>, expectedVersion: number): Promise<TemplateSaveResult> {
    const save = this.#db.transaction((): TemplateSaveResult => {
      const current = this.#newest(next.id);
      if (!current) return { ok: false, reason: 'not_found' };
      if (current.version !== expectedVersion) return { ok: false, reason: 'conflict', current };
      const template: TemplateRecord = { ...next, version: current.version + 1, createdAt: current.createdAt };
      this.#insert(template);
      return { ok: true, template };
    });
    return save.immediate();
  }

  async getTemplate(id: string, version?: number): Promise<TemplateRecord | undefined> {
    if (version === undefined) return this.#newest(id);
    const row = this.#db.prepare('SELECT record FROM templates WHERE id = ? AND version = ?').get(id, version) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as TemplateRecord) : undefined;
  }

  async listTemplates(filter: TemplateListFilter = {}): Promise<TemplateRecord[]> {
    const rows = (filter.category === undefined
      ? this.#db.prepare(`${NEWEST} ORDER BY name COLLATE NOCASE, id`).all()
      : this.#db.prepare(`${NEWEST} AND category = ? ORDER BY name COLLATE NOCASE, id`).all(filter.category)) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as TemplateRecord).filter((template) => matchesTemplateFilter(template, filter));
  }

  async deleteTemplate(id: string): Promise<boolean> {
    const remove = this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM template_instances WHERE template_id = ?').run(id);
      return this.#db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
    });
    return remove.immediate();
  }

  async putInstance(link: InstanceLink): Promise<void> {
    this.#db
      .prepare('INSERT INTO template_instances (flow_id, template_id, tenant_id, created_at, link) VALUES (?, ?, ?, ?, ?) ON CONFLICT (flow_id) DO UPDATE SET template_id = excluded.template_id, tenant_id = excluded.tenant_id, created_at = excluded.created_at, link = excluded.link')
      .run(link.flowId, link.templateId, link.tenantId, link.createdAt, JSON.stringify(link));
  }

  async getInstance(flowId: string): Promise<InstanceLink | undefined> {
    const row = this.#db.prepare('SELECT link FROM template_instances WHERE flow_id = ?').get(flowId) as { link: string } | undefined;
    return row ? (JSON.parse(row.link) as InstanceLink) : undefined;
  }

  async listInstances(query: { tenantId: string } | { templateId: string }): Promise<InstanceLink[]> {
    const [column, value] = 'tenantId' in query ? ['tenant_id', query.tenantId] : ['template_id', query.templateId];
    const rows = this.#db.prepare(`SELECT link FROM template_instances WHERE ${column} = ? ORDER BY created_at, flow_id`).all(value) as { link: string }[];
    return rows.map((row) => JSON.parse(row.link) as InstanceLink);
  }

  async deleteInstance(flowId: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM template_instances WHERE flow_id = ?').run(flowId).changes > 0;
  }

  async close(): Promise<void> {
    if (this.#isOwned && this.#db.open) this.#db.close();
  }

  #newest(id: string): TemplateRecord | undefined {
    const row = this.#db.prepare('SELECT record FROM templates WHERE id = ? ORDER BY version DESC LIMIT 1').get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as TemplateRecord) : undefined;
  }

  #insert(record: TemplateRecord): void {
    this.#db.prepare('INSERT INTO templates (id, version, name, category, record) VALUES (?, ?, ?, ?, ?)').run(record.id, record.version, record.name, record.category, JSON.stringify(record));
  }
}
