/**
 * @module @weft/messaging-kit: what the RabbitMQ, MQTT and NATS connectors share: message bodies to
 * and from JSON, text or base64, and publisher clients kept open per account.
 */
// Message bodies
export { decodePayload, encodePayload, isReadFormat, isWriteFormat, readFormatInput, readFormatOf, writeFormatOf, writeFormatInput, READ_FORMATS, WRITE_FORMATS, REQUEUE_DELAY_MS } from './payload.ts';
export type { Decoded, FormatError, PayloadFormat, ReadFormat } from './payload.ts';
// Shared publisher clients
export { SharedClients } from './shared-clients.ts';
