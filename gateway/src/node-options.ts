/**
 * The Node options the gateway process runs with (as NODE_OPTIONS). V8 sizes the young generation from the
 * machine's memory: on 24 GiB its semi-spaces grow to tens of MB, and the gateway, which allocates fast and keeps
 * little (78 MB of heap after a full GC), sat at 318 MB resident when idle and ~400 MB under 20 clients. With
 * 8 MB semi-spaces: 207 MB idle, ~300 MB at peak, the same requests per second within the machine's noise
 * (interleaved runs of the portal page, 20 clients; 4 MB cost p99).
 */
export const GATEWAY_NODE_OPTIONS = '--max-semi-space-size=8';
