/**
 * @module @weft/api-client: the REST API's zod schemas (shared with the server) and a typed client.
 */
// Schemas
export {
  ApiErrorBody, Credentials, PublicUser, AuthResponse, FlowStage, FlowSummary, FlowJson, Flow, FlowListQuery, FlowList,
  CreateFlowBody, CreatedFlow, UpdateFlowBody, ConflictBody, FlowProblem, ValidationReport, CloneFlowBody, TestRunBody,
  TestRunResponse, ComponentManifest, ComponentList, ComponentOptions, LogDirection, LogSeverity, LogRecord, LogQuery, LogPage,
  LogHistogram, UnprocessedMessage, UnprocessedList, UnprocessedQuery, RetryBody, RetryResponse, Health,
} from './schemas.ts';
