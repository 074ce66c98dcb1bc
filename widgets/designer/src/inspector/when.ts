/** @module `when` evaluation: the connector kit's, shared with the server's template wizards. */
export { evaluateWhen } from '@weft/connector-kit';
