import { type LookupAddress, type LookupOptions, lookup } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { WebhookSettings } from './settings.ts';

/**
 * Whether an address is on the public internet: not loopback, private, link-local, unique-local, carrier-grade
 * NAT, multicast, reserved or unspecified (IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    lookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/**
 * What is wrong with an endpoint's address, or null: https only outside development, no credentials in it, and
 * (in production) every address its host resolves to public. Resolved here, by the hub, not trusted from the URL.
 */
export async function endpointUrlProblem(text: string, settings: WebhookSettings): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'url is not a URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && settings.allowHttp)) {
    return `url must be https${settings.allowHttp ? ' or http' : ' (http is allowed in development only)'}`;
  }
  if (url.username || url.password) return 'url must not carry a user name or password';
  if (text.length > 2000) return 'url must be at most 2,000 characters';
  if (settings.allowPrivateAddresses) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await resolveAll(host)).map((entry) => entry.address);
  } catch {
    return `url's host ${host} does not resolve`;
  }
  const inside = addresses.find((address) => !isPublicAddress(address));
  return inside
    ? `url's host ${host} resolves to ${inside}, a loopback, private or link-local address: webhooks go to the public internet only`
    : null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for the delivery's own connection that refuses non-public addresses: checked when connecting, so a
 * host that resolved to a public address at registration and to a private one now (DNS rebinding) is refused.
 */
export function guardedLookup(settings: WebhookSettings) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const inside = settings.allowPrivateAddresses
        ? undefined
        : addresses.find((entry) => !isPublicAddress(entry.address));
      if (inside) {
        return callback(
          Object.assign(
            new Error(`${hostname} resolves to ${inside.address}, which is not a public address`),
            {
              code: 'EADDRNOTPUBLIC',
            },
          ),
          [],
        );
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      return first
        ? callback(null, first.address, first.family)
        : callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    });
  };
}
