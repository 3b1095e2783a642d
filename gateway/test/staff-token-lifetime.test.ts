import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@motcua/config';
import { SignJWT } from 'jose';
import { staffTokenVerifier } from '../src/staff-token-verifier.ts';

const { jwt } = loadConfig({});
const verify = staffTokenVerifier(jwt);
const now = () => Math.floor(Date.now() / 1000);

const token = (iat: number, exp: number) =>
  new SignJWT({ role: 'ADMIN' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setSubject('someone')
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(jwt.secret));

describe('the 24-hour rule of staff tokens', () => {
  it('refuses a token issued a year ahead that expires an hour after', async () => {
    const iat = now() + 365 * 24 * 3600;
    await expect(verify(await token(iat, iat + 3600))).rejects.toThrow(/issued in the future/);
  });

  it('refuses one issued an hour ahead too', async () => {
    const iat = now() + 3600;
    await expect(verify(await token(iat, iat + 3600))).rejects.toThrow(/issued in the future/);
  });

  it("accepts a provider's clock a few seconds ahead", async () => {
    const iat = now() + 5;
    await expect(verify(await token(iat, iat + 3600))).resolves.toMatchObject({ role: 'ADMIN' });
  });
});
