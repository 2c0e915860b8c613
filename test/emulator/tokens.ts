/** RS256 JWT access tokens issued by the emulated Entra and verified by the emulated ARM. */

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export interface TokenClaims {
    aud: string;
    iss: string;
    iat: number;
    nbf: number;
    exp: number;
    oid: string;
    sub: string;
    tid: string;
    appid: string;
    azp?: string;
    idtyp?: string;
    ver: string;
    [key: string]: unknown;
}

export type TokenCheck =
    | { ok: true; claims: TokenClaims }
    | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'notYetValid'; claims?: TokenClaims };

function b64url(data: Buffer | string): string {
    return Buffer.from(data).toString('base64url');
}

export class TokenSigner {
    readonly kid: string;
    private readonly privateKey: crypto.KeyObject;
    private readonly publicKey: crypto.KeyObject;

    /** Loads the signing key from `dir` (or creates it) so tokens survive emulator restarts. */
    constructor(dir: string) {
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, 'token-signing-key.pem');
        let pem: string;
        if (fs.existsSync(file)) {
            pem = fs.readFileSync(file, 'utf8');
        } else {
            const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
            pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
            fs.writeFileSync(file, pem, { mode: 0o600 });
        }
        this.privateKey = crypto.createPrivateKey(pem);
        this.publicKey = crypto.createPublicKey(this.privateKey);
        const der = this.publicKey.export({ type: 'spki', format: 'der' });
        this.kid = crypto.createHash('sha256').update(der).digest('base64url').slice(0, 27);
    }

    sign(claims: TokenClaims): string {
        const header = { typ: 'JWT', alg: 'RS256', kid: this.kid, x5t: this.kid };
        const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
        const signature = crypto.sign('RSA-SHA256', Buffer.from(input), this.privateKey);
        return `${input}.${b64url(signature)}`;
    }

    verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): TokenCheck {
        const parts = token.split('.');
        if (parts.length !== 3) {
            return { ok: false, reason: 'malformed' };
        }
        let claims: TokenClaims;
        try {
            const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: string };
            claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
            if (header.alg !== 'RS256' || typeof claims !== 'object' || claims === null) {
                return { ok: false, reason: 'malformed' };
            }
        } catch {
            return { ok: false, reason: 'malformed' };
        }
        const valid = crypto.verify(
            'RSA-SHA256',
            Buffer.from(`${parts[0]}.${parts[1]}`),
            this.publicKey,
            Buffer.from(parts[2], 'base64url'),
        );
        if (!valid) {
            return { ok: false, reason: 'signature', claims };
        }
        if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) {
            return { ok: false, reason: 'expired', claims };
        }
        if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + 300) {
            return { ok: false, reason: 'notYetValid', claims };
        }
        return { ok: true, claims };
    }

    /** The public key as a JWKS entry. */
    jwk(): Record<string, unknown> {
        const jwk = this.publicKey.export({ format: 'jwk' });
        return { kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, n: jwk.n, e: jwk.e, alg: 'RS256' };
    }
}
