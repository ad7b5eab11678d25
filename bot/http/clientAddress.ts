import { BlockList, isIP } from 'node:net';

/**
 * The address of the client behind a request. `X-Forwarded-For` is believed only when the request
 * comes from one of the configured proxies (TRUSTED_PROXIES): then the address is the right-most
 * entry that is not itself a trusted proxy. Anyone else could write any address into the header.
 */
export class ClientAddresses {
  private readonly proxies = new BlockList();
  private readonly any: boolean;

  /** @param trustedProxies IP addresses or CIDR ranges (e.g. `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`). */
  constructor(trustedProxies: readonly string[]) {
    for (const entry of trustedProxies) addTo(this.proxies, entry);
    this.any = trustedProxies.length > 0;
  }

  /** The client's address for a request with this socket address and these headers. */
  of(req: { socket?: { remoteAddress?: string }; headers: Record<string, string | string[] | undefined> }): string {
    const direct = normalize(req.socket?.remoteAddress ?? '');
    if (!this.any || !this.isProxy(direct)) return direct;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => normalize(hop.trim())).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!isIP(hops[i])) return direct;
      if (!this.isProxy(hops[i])) return hops[i];
    }
    return hops[0] ?? direct;
  }

  private isProxy(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** Whether `entry` is an IP address or CIDR range ClientAddresses understands (for config validation). */
export function isAddressOrRange(entry: string): boolean {
  try {
    addTo(new BlockList(), entry);
    return true;
  } catch {
    return false;
  }
}

function addTo(list: BlockList, entry: string): void {
  const [address, prefix] = entry.split('/');
  const family = isIP(address);
  if (family === 0) throw new Error(`not an IP address: ${entry}`);
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (prefix === undefined) list.addAddress(address, type);
  else {
    const bits = Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) throw new Error(`not a prefix length: ${entry}`);
    list.addSubnet(address, bits, type);
  }
}

/** IPv4 addresses as IPv6 sockets report them (`::ffff:10.0.0.1`) are compared as IPv4. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
