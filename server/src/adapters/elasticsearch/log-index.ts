/** @module Elasticsearch LogIndex: daily indices under one template, create-only bulk writes, search_after paging. */
import { Client, type estypes } from '@elastic/elasticsearch';

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;
import { WeftError } from '@weft/connector-kit';
import { scopeOwners, type HistogramBucket, type LogIndex, type LogPage, type LogQuery, type LogRecord, type OwnerScope, type RunPage, type RunQuery, type RunSummary } from '../../ports/log-index.ts';
import { countsForRun, foldRun, publicRun, type RunState } from '../../ports/run-summary.ts';

export interface ElasticLogIndexOptions {
  /** e.g. `http://127.0.0.1:9200`. */
  node: string;
  /** Daily indices are `<indexPrefix>-YYYY.MM.DD` (default `weft-logs`). */
  indexPrefix?: string;
  /** `applyRetention()` deletes records older than this many days. */
  retentionDays?: number;
  /** Extra client options (auth, TLS, or a mocked `Connection` in tests). */
  clientOptions?: Omit<ClientOptions, 'node'>;
}

/** What is stored: searchable copies of the fields, plus the record itself, kept but not indexed. */
export interface LogDocument {
  id: string;
  time: number;
  userId: string;
  flowId: string;
  componentId: string;
  componentType: string;
  port: string;
  direction: string;
  severity: string;
  correlationId: string;
  messageId: string;
  /** The payload as text (the JSON, or the preview when truncated), for full-text search. */
  payloadText: string;
  errorCode?: string;
  errorMessage?: string;
  record: LogRecord;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
const MAX_RUN_LIMIT = 200;
/** Correlations a status-filtered page of runs looks through. */
const RUN_SCAN = 1000;
const DAY_MS = 86_400_000;
/** Longest payload text indexed for search; the stored record keeps everything. */
const MAX_PAYLOAD_TEXT = 32_766;

const KEYWORD = { type: 'keyword' } as const;
const KEYWORD_AND_TEXT = { type: 'keyword', fields: { text: { type: 'text' } } } as const;

export class ElasticLogIndex implements LogIndex {
  readonly #client: Client;
  readonly #prefix: string;
  readonly #retentionDays: number | undefined;

  private constructor(client: Client, prefix: string, retentionDays: number | undefined) {
    this.#client = client;
    this.#prefix = prefix;
    this.#retentionDays = retentionDays;
  }

  /** Creates the client and puts the index template; rejects with `logs.unavailable`. */
  static async connect(options: ElasticLogIndexOptions): Promise<ElasticLogIndex> {
    const client = new Client({ ...options.clientOptions, node: options.node });
    const index = new ElasticLogIndex(client, options.indexPrefix ?? 'weft-logs', options.retentionDays);
    try {
      await index.#putTemplate();
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new WeftError('log.unavailable', `Cannot prepare Elasticsearch at ${options.node}: ${errorMessage(error)}`, { retry: 'retry', status: 503, cause: error });
    }
    return index;
  }

  async #putTemplate(): Promise<void> {
    await this.#client.indices.putIndexTemplate({
      name: this.#prefix,
      index_patterns: [`${this.#prefix}-*`],
      template: {
        settings: { number_of_shards: 1, refresh_interval: '1s' },
        mappings: {
          // Payloads have any shape: they live in `record` (not indexed) and `payloadText`.
          dynamic: 'strict',
          properties: {
            id: KEYWORD,
            time: { type: 'date', format: 'epoch_millis' },
            userId: KEYWORD,
            flowId: KEYWORD,
            componentId: KEYWORD_AND_TEXT,
            componentType: KEYWORD_AND_TEXT,
            port: KEYWORD,
            direction: KEYWORD,
            severity: KEYWORD,
            correlationId: KEYWORD,
            messageId: KEYWORD,
            payloadText: { type: 'text' },
            errorCode: KEYWORD,
            errorMessage: { type: 'text' },
            record: { type: 'object', enabled: false },
          },
        },
      },
    });
  }

  async append(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    // `create` with `_id = record.id`: a replayed record is a 409 for that item, i.e. a no-op.
    const operations = records.flatMap((record) => [{ create: { _index: this.indexFor(record.time), _id: record.id } }, toDocument(record)]);
    const response = await this.#client.bulk({ operations, refresh: 'wait_for' });
    if (!response.errors) return;
    const failed = response.items.map((item) => item.create).filter((r) => r?.error !== undefined && r.status !== 409);
    if (failed.length > 0) {
      throw new WeftError('log.append_failed', `Elasticsearch refused ${failed.length} of ${records.length} log records: ${failed[0]?.error?.reason ?? 'unknown'}`, {
        retry: 'retry',
        status: 503,
        details: failed.slice(0, 5).map((r) => ({ id: r?._id, error: r?.error?.type })),
      });
    }
  }

  async query(query: LogQuery): Promise<LogPage> {
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    const order = query.order ?? 'desc';
    const request: estypes.SearchRequest = {
      index: this.#pattern(),
      ignore_unavailable: true,
      allow_no_indices: true,
      query: buildQuery(query),
      // `id` breaks ties between equal times, so search_after never skips or repeats a record.
      sort: [{ time: { order } }, { id: { order } }],
      // One more than asked tells whether there is a next page.
      size: limit + 1,
      track_total_hits: false,
    };
    if (query.cursor !== undefined) request.search_after = decodeCursor(query.cursor);
    const response = await this.#client.search<LogDocument>(request);
    const hits = response.hits.hits;
    const page = hits.slice(0, limit);
    const records = page.flatMap((hit) => (hit._source === undefined ? [] : [hit._source.record]));
    const last = page.at(-1);
    if (hits.length > limit && last?.sort !== undefined) return { records, nextCursor: encodeCursor(last.sort) };
    return { records };
  }

  async histogram(query: LogQuery, intervalMs: number): Promise<HistogramBucket[]> {
    const response = await this.#client.search<LogDocument, { buckets: estypes.AggregationsDateHistogramAggregate }>({
      index: this.#pattern(),
      ignore_unavailable: true,
      allow_no_indices: true,
      size: 0,
      query: buildQuery(query),
      aggs: { buckets: { date_histogram: { field: 'time', fixed_interval: `${Math.max(1, Math.round(intervalMs))}ms`, min_doc_count: 1 } } },
    });
    const raw = response.aggregations?.buckets.buckets;
    const buckets = Array.isArray(raw) ? raw : Object.values(raw ?? {});
    return buckets.map((b) => ({ start: Number(b.key), count: b.doc_count }));
  }

  /**
   * Runs are computed, not stored: a terms aggregation finds the page of correlations (newest
   * earliest record first), then their records are folded as the embedded index folds them on append.
   * A status filter is applied after the fold, over at most `RUN_SCAN` correlations.
   */
  async runs(query: RunQuery): Promise<RunPage> {
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_RUN_LIMIT);
    const filter: estypes.QueryDslQueryContainer[] = [ownerClause(query.userId)];
    if (query.flowId !== undefined) filter.push({ term: { flowId: query.flowId } });
    const cursor = query.cursor === undefined ? undefined : decodeRunCursor(query.cursor);
    const started: Record<string, number> = {};
    if (query.from !== undefined) started.gte = query.from;
    if (query.to !== undefined) started.lt = query.to;
    const conditions: string[] = [];
    if (started.gte !== undefined) conditions.push('params.started >= params.from');
    if (started.lt !== undefined) conditions.push('params.started < params.to');
    if (cursor !== undefined) conditions.push('params.started < params.cursor');
    const size = query.status === undefined ? limit + 1 : RUN_SCAN;
    const response = await this.#client.search<LogDocument, { runs: estypes.AggregationsStringTermsAggregate }>({
      index: this.#pattern(),
      ignore_unavailable: true,
      allow_no_indices: true,
      size: 0,
      query: { bool: { filter, must_not: [{ term: { direction: 'log' } }] } },
      aggs: {
        runs: {
          terms: { field: 'correlationId', size, order: { started: 'desc' } },
          aggs: {
            started: { min: { field: 'time' } },
            ...(conditions.length > 0
              ? { window: { bucket_selector: { buckets_path: { started: 'started' }, script: { source: conditions.join(' && '), params: { from: started.gte ?? 0, to: started.lt ?? 0, cursor: cursor ?? 0 } } } } }
              : {}),
          },
        },
      },
    });
    const raw = response.aggregations?.runs.buckets;
    const ids = (Array.isArray(raw) ? raw : Object.values(raw ?? {})).map((bucket) => String(bucket.key));
    let runs = await this.#foldRuns(query.userId, ids);
    if (query.status !== undefined) runs = runs.filter((run) => run.status === query.status);
    const page = runs.slice(0, limit);
    const last = page.at(-1);
    return runs.length > limit && last !== undefined ? { runs: page, nextCursor: encodeRunCursor(last.startedAt) } : { runs: page };
  }

  async run(userId: string, correlationId: string): Promise<RunSummary | undefined> {
    return (await this.#foldRuns(userId, [correlationId]))[0];
  }

  async #foldRuns(userId: OwnerScope, correlationIds: readonly string[]): Promise<RunSummary[]> {
    if (correlationIds.length === 0) return [];
    const response = await this.#client.search<LogDocument>({
      index: this.#pattern(),
      ignore_unavailable: true,
      allow_no_indices: true,
      size: 10_000,
      query: { bool: { filter: [ownerClause(userId), { terms: { correlationId: [...correlationIds] } }] } },
      sort: [{ time: { order: 'asc' } }, { id: { order: 'asc' } }],
      track_total_hits: false,
    });
    const states = new Map<string, RunState>();
    for (const hit of response.hits.hits) {
      const record = hit._source?.record;
      if (record === undefined || !countsForRun(record)) continue;
      const next = foldRun(states.get(record.correlationId), record);
      if (next) states.set(record.correlationId, next);
    }
    return correlationIds.flatMap((id) => {
      const state = states.get(id);
      return state ? [publicRun(state)] : [];
    });
  }

  async deleteBefore(time: number): Promise<number> {
    const boundaryDay = Math.floor(time / DAY_MS) * DAY_MS;
    const indices = await this.#client.cat.indices({ index: this.#pattern(), format: 'json', h: ['index', 'docs.count'], expand_wildcards: 'open' });
    let deleted = 0;
    const whole: string[] = [];
    for (const row of indices) {
      const day = row.index === undefined ? undefined : this.#dayOf(row.index);
      // Whole days before the boundary day go with their index: cheaper than deleting documents.
      if (day !== undefined && day < boundaryDay) {
        whole.push(row.index!);
        deleted += Number(row['docs.count'] ?? 0);
      }
    }
    if (whole.length > 0) await this.#client.indices.delete({ index: whole.join(','), ignore_unavailable: true });
    if (time > boundaryDay) {
      const response = await this.#client.deleteByQuery({
        index: this.indexFor(boundaryDay),
        ignore_unavailable: true,
        allow_no_indices: true,
        conflicts: 'proceed',
        refresh: true,
        query: { range: { time: { lt: time } } },
      });
      deleted += response.deleted ?? 0;
    }
    return deleted;
  }

  /** Deletes what is older than `retentionDays` (no-op without it); run it from a daily tick. */
  async applyRetention(now = Date.now()): Promise<number> {
    if (this.#retentionDays === undefined) return 0;
    return this.deleteBefore(now - this.#retentionDays * DAY_MS);
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  /** The daily index a record of `time` lives in (UTC days). */
  indexFor(time: number): string {
    const date = new Date(time);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${this.#prefix}-${date.getUTCFullYear()}.${pad(date.getUTCMonth() + 1)}.${pad(date.getUTCDate())}`;
  }

  #pattern(): string {
    return `${this.#prefix}-*`;
  }

  #dayOf(index: string): number | undefined {
    const match = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(index.slice(this.#prefix.length + 1));
    if (!index.startsWith(`${this.#prefix}-`) || match === null) return undefined;
    return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  }
}

function toDocument(record: LogRecord): LogDocument {
  const text = typeof record.payload === 'string' ? record.payload : (JSON.stringify(record.payload) ?? '');
  const doc: LogDocument = {
    id: record.id,
    time: record.time,
    userId: record.userId,
    flowId: record.flowId,
    componentId: record.componentId,
    componentType: record.componentType,
    port: record.port,
    direction: record.direction,
    severity: record.severity,
    correlationId: record.correlationId,
    messageId: record.messageId,
    payloadText: text.slice(0, MAX_PAYLOAD_TEXT),
    record,
  };
  if (record.error !== undefined) {
    doc.errorCode = record.error.code;
    doc.errorMessage = record.error.message;
  }
  return doc;
}

/** Every filter is a non-scoring `filter` clause; only `q` goes through the query parser. */
/** The owners a read covers: one `term`, a `terms` for several (none matches nothing), `match_all` for every owner. */
export function ownerClause(scope: OwnerScope): estypes.QueryDslQueryContainer {
  const owners = scopeOwners(scope);
  if (owners === undefined) return { match_all: {} };
  if (owners.length === 1) return { term: { userId: owners[0]! } };
  return { terms: { userId: [...owners] } };
}

export function buildQuery(query: LogQuery): { bool: estypes.QueryDslBoolQuery } {
  const filter: estypes.QueryDslQueryContainer[] = [ownerClause(query.userId)];
  const terms = { flowId: query.flowId, componentId: query.componentId, correlationId: query.correlationId, messageId: query.messageId, direction: query.direction, severity: query.severity };
  for (const [field, value] of Object.entries(terms)) if (value !== undefined) filter.push({ term: { [field]: value } });
  if (query.from !== undefined || query.to !== undefined) {
    const range: estypes.QueryDslNumberRangeQuery = {};
    if (query.from !== undefined) range.gte = query.from;
    if (query.to !== undefined) range.lt = query.to;
    filter.push({ range: { time: range } });
  }
  const must: estypes.QueryDslQueryContainer[] = [];
  if (query.q !== undefined && query.q.trim() !== '') {
    must.push({
      // simple_query_string never fails on syntax: stray quotes or brackets are taken as text.
      simple_query_string: {
        query: query.q,
        fields: ['payloadText', 'errorMessage', 'componentType.text', 'componentId.text', 'componentId', 'componentType'],
        default_operator: 'and',
      },
    });
  }
  return { bool: must.length > 0 ? { filter, must } : { filter } };
}

function encodeCursor(sort: estypes.SortResults): string {
  return Buffer.from(JSON.stringify(sort)).toString('base64url');
}

function decodeCursor(cursor: string): estypes.SortResults {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' || typeof v === 'string')) {
    throw new WeftError('log.bad_cursor', 'The cursor is not one this log index issued', { retry: 'never', status: 400, path: 'cursor' });
  }
  return value;
}

function encodeRunCursor(startedAt: number): string {
  return Buffer.from(JSON.stringify([startedAt])).toString('base64url');
}

function decodeRunCursor(cursor: string): number {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  } catch {
    // Fall through to the error below.
  }
  throw new WeftError('log.bad_cursor', 'The cursor is not one this log index issued', { retry: 'never', status: 400, path: 'query.cursor' });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
