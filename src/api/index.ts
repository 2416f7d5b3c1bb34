/**
 * @module api
 * The HTTP API of a running site: build it with the store, the site id, a function giving the live status
 * (`siteStatusFrom` of the last cycle) and the controller's operator actions; start it on loopback.
 */
export { API_ROLES, type CreatedToken, createApiToken } from './auth.ts';
export { ApiError, type ApiErrorBody, type ApiErrorCode } from './errors.ts';
export { type ApiServer, buildApiServer, startApiServer } from './server.ts';
export { type StatusConfig, siteStatusFrom } from './status.ts';
export type { ApiServerOptions, OperatorActions, Principal, SiteStatus } from './types.ts';
