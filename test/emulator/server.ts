/**
 * The local Azure emulator: an HTTPS server on loopback speaking ARM + Entra (client credentials) for the extension's
 * SDK clients. Start it in-process with `startEmulator()` (tests) or from the CLI (`npm run emulator`).
 */

import * as fs from 'fs';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { createAdmin, type EmulatorAdmin } from './admin';
import { ensureCertificates } from './certs';
import { Emulator, parseResourceGraphMode, type ResourceGraphMode, type TunableOptions } from './emulator';
import { validateFaultConfig, type FaultConfig } from './faults';
import { loadFixture, repoRoot } from './fixture';
import { RequestLog } from './requestLog';
import { handleRequest } from './router';
import type { Fixture } from './model';
import { State } from './state';
import { TokenSigner } from './tokens';

export { ensureCertificates } from './certs';
export { defaultFixturePath, loadFixture, repoRoot } from './fixture';
export type { EmulatorAdmin } from './admin';
export type { FaultConfig, FaultRule } from './faults';
export type { ResourceGraphMode } from './emulator';
export type { Fixture } from './model';

export interface EmulatorOptions {
    /** 0 picks a free port. Default 0. */
    port?: number;
    /** Default 127.0.0.1. */
    host?: string;
    /** Fixture file path or object. Default `<repo>/test/emulator/fixtures/default.json`. */
    fixture?: string | Fixture;
    /** Where settings.json, env.sh, env and requests.jsonl go. Default `<repo>/.emulator`. */
    stateDir?: string;
    /** Where the CA, server certificate and token signing key live. Default `<repo>/.emulator` (keep it stable). */
    certDir?: string;
    /** Fault config object or JSON file path; added after the fixture's own fault rules. */
    faults?: FaultConfig | string;
    /** Default 4000. */
    provisioningDelayMs?: number;
    /** Default 1000. */
    runCommandDelayMs?: number;
    /** Added to every request. Default 0. */
    latencyMs?: number;
    /** List page size. Default 50. */
    pageSize?: number;
    /**
     * Azure Resource Graph: `available` (default), `forbidden` (403 AuthorizationFailed) or `absent` (404
     * InvalidResourceNamespace, like a custom cloud without the provider). Also settable through the admin options.
     */
    resourceGraph?: ResourceGraphMode;
    /** Default 3600. */
    tokenLifetimeSeconds?: number;
    /** Retry-After on operation polls. Default 1. */
    retryAfterSeconds?: number;
    /** No per-request console output. Default true in-process. */
    quiet?: boolean;
    /** Write settings.json and env.sh into stateDir. Default true. */
    writeFiles?: boolean;
}

/** The VS Code settings that point the extension at the emulator. */
export type EmulatorSettings = {
    'microsoft-sovereign-cloud.environment': 'custom';
    'microsoft-sovereign-cloud.customEnvironment': {
        name: string;
        portalUrl: string;
        managementEndpointUrl: string;
        resourceManagerEndpointUrl: string;
        activeDirectoryEndpointUrl: string;
        activeDirectoryResourceId: string;
    };
    'azuremlK8s.authentication': 'environment';
    'azuremlK8s.studioUrl': string;
};

export interface RunningEmulator {
    /** `https://127.0.0.1:<port>` (no trailing slash). */
    url: string;
    port: number;
    host: string;
    caCertPath: string;
    stateDir: string;
    requestLogPath: string;
    tenantId: string;
    clientId: string;
    clientSecret: string;
    /** Object id of the service principal. */
    principalId: string;
    /** ARM token scope: `<url>/.default`. */
    scope: string;
    settings: EmulatorSettings;
    /** NODE_EXTRA_CA_CERTS, AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_AUTHORITY_HOST. */
    env: Record<string, string>;
    admin: EmulatorAdmin;
    stop(): Promise<void>;
}

export function defaultStateDir(): string {
    return path.join(repoRoot(), '.emulator');
}

function loadFaults(faults: FaultConfig | string | undefined): FaultConfig {
    if (!faults) {
        return {};
    }
    return validateFaultConfig(typeof faults === 'string' ? JSON.parse(fs.readFileSync(faults, 'utf8')) : faults);
}

export function settingsFor(url: string): EmulatorSettings {
    return {
        'microsoft-sovereign-cloud.environment': 'custom',
        'microsoft-sovereign-cloud.customEnvironment': {
            name: 'AzureEmulator',
            portalUrl: `${url}/portal`,
            managementEndpointUrl: `${url}/`,
            resourceManagerEndpointUrl: `${url}/`,
            activeDirectoryEndpointUrl: `${url}/`,
            activeDirectoryResourceId: `${url}/`,
        },
        'azuremlK8s.authentication': 'environment',
        'azuremlK8s.studioUrl': `${url}/studio`,
    };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const host = options.host ?? '127.0.0.1';
    const stateDir = options.stateDir ?? defaultStateDir();
    const certDir = options.certDir ?? defaultStateDir();
    fs.mkdirSync(stateDir, { recursive: true });
    const certs = ensureCertificates(certDir);
    const fixture = loadFixture(options.fixture);
    const extraFaults = loadFaults(options.faults);
    const startFaults: FaultConfig = {
        seed: extraFaults.seed ?? fixture.faults?.seed,
        latencyMs: extraFaults.latencyMs ?? fixture.faults?.latencyMs,
        rules: [...(fixture.faults?.rules ?? []), ...(extraFaults.rules ?? [])],
    };
    const tunables: TunableOptions = {
        provisioningDelayMs: options.provisioningDelayMs ?? 4000,
        runCommandDelayMs: options.runCommandDelayMs ?? 1000,
        pageSize: options.pageSize ?? 50,
        tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
        retryAfterSeconds: options.retryAfterSeconds ?? 1,
        latencyMs: options.latencyMs ?? 0,
        resourceGraph: parseResourceGraphMode(options.resourceGraph ?? 'available'),
    };
    const log = new RequestLog(stateDir);
    const em = new Emulator(
        new State(fixture),
        new TokenSigner(certDir),
        log,
        tunables,
        startFaults,
        options.quiet ?? true,
    );
    const admin = createAdmin(em);
    const server = https.createServer({ key: certs.serverKeyPem, cert: certs.serverCertPem }, (req, res) => {
        void handleRequest(em, admin, req, res);
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
    em.url = url;
    const sp = fixture.servicePrincipal;
    const env = {
        NODE_EXTRA_CA_CERTS: certs.caCertPath,
        AZURE_TENANT_ID: fixture.tenant.tenantId,
        AZURE_CLIENT_ID: sp.clientId,
        AZURE_CLIENT_SECRET: sp.clientSecret,
        AZURE_AUTHORITY_HOST: url,
    };
    const settings = settingsFor(url);
    if (options.writeFiles ?? true) {
        fs.writeFileSync(path.join(stateDir, 'settings.json'), JSON.stringify(settings, null, 4) + '\n');
        fs.writeFileSync(
            path.join(stateDir, 'env.sh'),
            Object.entries({ ...env, AZURE_EMULATOR_URL: url })
                .map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`)
                .join('\n') + '\n',
            { mode: 0o600 },
        );
        // The same variables as KEY=VALUE lines, for launch configurations' `envFile`.
        fs.writeFileSync(
            path.join(stateDir, 'env'),
            Object.entries({ ...env, AZURE_EMULATOR_URL: url })
                .map(([k, v]) => `${k}=${v}`)
                .join('\n') + '\n',
            { mode: 0o600 },
        );
    }
    return {
        url,
        port,
        host,
        caCertPath: certs.caCertPath,
        stateDir,
        requestLogPath: log.file,
        tenantId: fixture.tenant.tenantId,
        clientId: sp.clientId,
        clientSecret: sp.clientSecret,
        principalId: sp.objectId,
        scope: `${url}/.default`,
        settings,
        env,
        admin,
        stop: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}
