/**
 * TLS material for the emulator: a self-signed CA kept in the state directory (reused across runs so trust stays
 * stable) and a server certificate for 127.0.0.1/localhost signed by it.
 */

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as forge from 'node-forge';

export interface Certificates {
    caCertPath: string;
    caCertPem: string;
    serverCertPem: string;
    serverKeyPem: string;
}

const files = {
    caCert: 'ca.pem',
    caKey: 'ca-key.pem',
    serverCert: 'server.pem',
    serverKey: 'server-key.pem',
};

function newKeyPair(): { privatePem: string; publicPem: string } {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
        privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
        publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
}

function serial(): string {
    // Positive serial: clear the top bit.
    const bytes = crypto.randomBytes(16);
    bytes[0] &= 0x7f;
    return bytes.toString('hex');
}

function createCa(): { certPem: string; keyPem: string } {
    const keys = newKeyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
    cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
    const subject = [
        { name: 'commonName', value: 'Azure Emulator Local CA' },
        { name: 'organizationName', value: 'azureml-kubernetes-compute emulator' },
    ];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.setExtensions([
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
    ]);
    cert.sign(forge.pki.privateKeyFromPem(keys.privatePem), forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

function createServerCert(caCertPem: string, caKeyPem: string): { certPem: string; keyPem: string } {
    const keys = newKeyPair();
    const ca = forge.pki.certificateFromPem(caCertPem);
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
    cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
    cert.setIssuer(ca.subject.attributes);
    cert.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
            name: 'subjectAltName',
            altNames: [
                { type: 7, ip: '127.0.0.1' },
                { type: 2, value: 'localhost' },
            ],
        },
    ]);
    cert.sign(forge.pki.privateKeyFromPem(caKeyPem), forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

function serverCertUsable(certPem: string, caCertPem: string): boolean {
    try {
        const cert = new crypto.X509Certificate(certPem);
        const ca = new crypto.X509Certificate(caCertPem);
        const monthAhead = Date.now() + 30 * 24 * 3600 * 1000;
        return (
            cert.verify(ca.publicKey) && new Date(cert.validTo).getTime() > monthAhead && !!cert.checkIP('127.0.0.1')
        );
    } catch {
        return false;
    }
}

function read(dir: string, name: string): string | undefined {
    const p = path.join(dir, name);
    return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
}

/** Writes atomically (temp file + rename) so a concurrent reader never sees half a PEM. */
function write(dir: string, name: string, content: string, secret = false): void {
    const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, content, secret ? { mode: 0o600 } : undefined);
    fs.renameSync(tmp, path.join(dir, name));
}

function sleepSync(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates the CA once even when several processes start together: the first to claim the lock file writes it. */
function createOrAwaitCa(dir: string): { certPem: string; keyPem: string } {
    const lock = path.join(dir, '.ca.lock');
    let fd: number | undefined;
    try {
        fd = fs.openSync(lock, 'wx');
    } catch {
        for (let waited = 0; waited < 10000; waited += 50) {
            const cert = read(dir, files.caCert);
            const key = read(dir, files.caKey);
            if (cert && key) {
                return { certPem: cert, keyPem: key };
            }
            sleepSync(50);
        }
        // A stale lock (a process died while creating): take over.
    }
    try {
        const ca = createCa();
        write(dir, files.caKey, ca.keyPem, true);
        write(dir, files.caCert, ca.certPem);
        return ca;
    } finally {
        if (fd !== undefined) {
            fs.closeSync(fd);
        }
        fs.rmSync(lock, { force: true });
    }
}

/**
 * Makes sure `<dir>/ca.pem` (and its key) plus a server certificate signed by it exist; creates what is missing.
 * Safe to call before starting a process that needs `NODE_EXTRA_CA_CERTS=<dir>/ca.pem`.
 */
export function ensureCertificates(dir: string): Certificates {
    fs.mkdirSync(dir, { recursive: true });
    let caCertPem = read(dir, files.caCert);
    let caKeyPem = read(dir, files.caKey);
    if (!caCertPem || !caKeyPem) {
        const ca = createOrAwaitCa(dir);
        caCertPem = ca.certPem;
        caKeyPem = ca.keyPem;
    }
    let serverCertPem = read(dir, files.serverCert);
    let serverKeyPem = read(dir, files.serverKey);
    if (!serverCertPem || !serverKeyPem || !serverCertUsable(serverCertPem, caCertPem)) {
        const server = createServerCert(caCertPem, caKeyPem);
        serverCertPem = server.certPem;
        serverKeyPem = server.keyPem;
        write(dir, files.serverCert, serverCertPem);
        write(dir, files.serverKey, serverKeyPem, true);
    }
    return { caCertPath: path.join(dir, files.caCert), caCertPem, serverCertPem, serverKeyPem };
}
