/**
 * Bounds on answers that a subgraph enforces and the gateway's cost limit prices by
 * (gateway/src/cost-rules.ts): declared once here, since the wings never import each other.
 */
export const ANSWER_BOUNDS = {
  /** `Statement.attribution(to:).steps`: a longer roll-up path is a LIMIT_EXCEEDED error on the field */
  attributionSteps: 32,
  /**
   * Webhooks registered at once (`Query.webhooks` lists them all). The deliverer holds one
   * subscription per webhook on one socket to the gateway, whose default cap is 50 a socket.
   */
  webhooks: 50,
  /** `statementExport(first:)`: the largest page, and the page when `first` is not given */
  exportPage: 500,
} as const;
