/** Names of the IPTC media topics the hub uses; any other 8-digit code is passed on by its URI alone. */
const NAMES: Record<string, string> = {
  '04000000': 'economy, business and finance',
  '11000000': 'politics',
  '11006000': 'government',
  '14000000': 'society',
};

export function topicOf(code: string): { code: string; uri: string; name: string | null } {
  return { code, uri: `http://cv.iptc.org/newscodes/mediatopic/${code}`, name: NAMES[code] ?? null };
}
