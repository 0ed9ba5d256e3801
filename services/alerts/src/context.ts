import { Caller, createTokenCheck } from '@newsgraph/kit';
import { Request } from 'express';
import { GatewayLink } from './gateway-link';
import { WebhookStore } from './webhook/webhook.store';

export interface AlertsContext {
  caller: Caller;
  store: WebhookStore;
  gateway: GatewayLink;
  /** whether receivers may be loopback/private addresses (NEWSGRAPH_WEBHOOK_ALLOW_PRIVATE) */
  allowPrivateReceivers: boolean;
  /** tells the deliverer that registrations changed */
  changed(): void;
}

export function createContextFactory(deps: Omit<AlertsContext, 'caller'>, writeTokens: readonly string[]): (req: Request) => AlertsContext {
  const checkToken = createTokenCheck(writeTokens);
  return (req) => ({ ...deps, caller: checkToken(req.headers.authorization) });
}
