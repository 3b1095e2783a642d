import type { Role } from '@motcua/roles';

/**
 * The demo keys `pnpm start` seeds and prints: one per role (two partners, one with embargo rights and one
 * without). Their secrets are public, in this file; the hub seeds them only outside production.
 */
export const DEMO_KEYS = [
  {
    role: 'PARTNER',
    owner: 'Báo Hà Nội Mới (demo)',
    partnerCode: 'hanoimoi',
    key: 'mc_demo-partner_hanoimoi-development-only',
  },
  {
    role: 'PARTNER',
    owner: 'Đài truyền thanh cơ sở (demo)',
    partnerCode: 'dai-phat-thanh-xa',
    key: 'mc_demo-partner-radio_development-only-key',
  },
  {
    role: 'ANALYST',
    owner: 'Analyst (demo)',
    partnerCode: null,
    key: 'mc_demo-analyst_development-only-key',
  },
  { role: 'EDITOR', owner: 'Editor (demo)', partnerCode: null, key: 'mc_demo-editor_development-only-key' },
  {
    role: 'DATA_OFFICER',
    owner: 'Data officer (demo)',
    partnerCode: null,
    key: 'mc_demo-data-officer_development-only-key',
  },
  {
    role: 'ADMIN',
    owner: 'Administrator (demo)',
    partnerCode: null,
    key: 'mc_demo-admin_development-only-key',
  },
] as const satisfies readonly { role: Role; owner: string; partnerCode: string | null; key: string }[];
