// The Hubstaff client's bearer tokens: the one interface every provider client uses.
export type { AccessTokenProvider } from '../shared/accessTokens';
export { staticTokenProvider } from '../shared/accessTokens';
