/** @module Elasticsearch adapters: the LogIndex on daily Elasticsearch indices. */
export { ElasticLogIndex, buildQuery } from './log-index.ts';
export type { ElasticLogIndexOptions, LogDocument } from './log-index.ts';
