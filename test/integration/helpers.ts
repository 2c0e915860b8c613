/** Shared set-up for integration tests: an in-process emulator, a real credential and the real SDK clients. */

import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { ClientSecretCredential } from '@azure/identity';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ConnectedKubernetesClient } from '@azure/arm-hybridkubernetes';
import { SourceControlConfigurationClient } from '@azure/arm-kubernetesconfiguration';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { resolveCloud, type CloudEndpoints } from '../../src/domain/cloud';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { defaultStateDir, defaultWorld, startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';

const world = defaultWorld;

/** The default world's ids (test/emulator/defaultWorld.ts), under the names these tests have long used. */
export const tenantId = world.tenant.tenantId;
export const sub1 = world.subscriptions.dev.id;
export const sub2 = world.subscriptions.prod.id;
export const sub3 = world.subscriptions.finance.id;
export const sub4 = world.subscriptions.research.id;
export const spObjectId = world.servicePrincipal.objectId;
export const uaiWsNlp = { principalId: world.identities.wsNlp.principalId, clientId: world.identities.wsNlp.clientId };
export const uaiTraining = {
    principalId: world.identities.training.principalId,
    clientId: world.identities.training.clientId,
};

export const ids = {
    aksGpuDev: world.clusters.aksGpuDev.id,
    aksCpuNoExt: world.clusters.aksCpuNoExt.id,
    arcOnprem: world.clusters.arcOnprem.id,
    arcEdgeLab: world.clusters.arcEdgeLab.id,
    aksResearch: world.clusters.aksResearch.id,
    uaiWsNlp: world.identities.wsNlp.id,
    uaiTraining: world.identities.training.id,
    relayNamespace: world.clusters.arcOnprem.relay?.namespace ?? '',
    wsVision: world.workspaces.vision.id,
};

export const roles = {
    owner: world.roles.owner.id,
    contributor: world.roles.contributor.id,
    reader: world.roles.reader.id,
    relayOwner: world.roles.relayOwner.id,
    acrPull: world.roles.acrPull.id,
};

/** Starts an emulator on a free port with a temporary state dir (the CA stays the one in `.emulator/`). */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    if (!process.env.NODE_EXTRA_CA_CERTS) {
        throw new Error(
            'NODE_EXTRA_CA_CERTS is not set: run integration tests with `npm run test:integration` (out/test/integration/run.js).',
        );
    }
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-emulator-'));
    const emulator = await startEmulator({
        port: 0,
        stateDir,
        certDir: defaultStateDir(),
        provisioningDelayMs: 300,
        runCommandDelayMs: 200,
        ...options,
    });
    const stop = emulator.stop;
    emulator.stop = async () => {
        await stop();
        fs.rmSync(stateDir, { recursive: true, force: true });
    };
    return emulator;
}

export function credential(em: RunningEmulator, secret = em.clientSecret): ClientSecretCredential {
    return new ClientSecretCredential(em.tenantId, em.clientId, secret, {
        authorityHost: em.url,
        disableInstanceDiscovery: true,
    });
}

/** Fast SDK retries so fault tests do not wait for the default back-off. */
const retryOptions = { maxRetries: 3, retryDelayInMs: 50, maxRetryDelayInMs: 200 };

export function clients(em: RunningEmulator, subscriptionId = sub1, cred = credential(em)) {
    const classic = { endpoint: em.url, credentialScopes: [em.scope], retryOptions };
    const modern = { endpoint: em.url, credentials: { scopes: [em.scope] }, retryOptions };
    return {
        ml: new AzureMachineLearningWorkspaces(cred, subscriptionId, classic),
        aks: new ContainerServiceClient(cred, subscriptionId, modern),
        arc: new ConnectedKubernetesClient(cred, subscriptionId, classic),
        extensions: new SourceControlConfigurationClient(cred, subscriptionId, classic),
        msi: new ManagedServiceIdentityClient(cred, subscriptionId, classic),
        authorization: new AuthorizationManagementClient(cred, subscriptionId, classic),
        graph: new ResourceGraphClient(cred, modern),
        subscriptions: new SubscriptionClient(cred, classic),
    };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of iterable) {
        items.push(item);
    }
    return items;
}

export interface RawResponse {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    text: string;
}

/** A plain HTTPS request (for what the SDKs cannot express: missing api-version, bad tokens, raw bodies). */
export function raw(
    em: RunningEmulator,
    method: string,
    pathAndQuery: string,
    options: { token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
    const url = new URL(pathAndQuery, em.url);
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    let payload: string | undefined;
    if (options.form) {
        payload = new URLSearchParams(options.form).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.body !== undefined) {
        payload = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
    }
    if (options.token) {
        headers.authorization = `Bearer ${options.token}`;
    }
    return new Promise((resolve, reject) => {
        const req = https.request(url, { method, headers, ca: fs.readFileSync(em.caCertPath), agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                let body: unknown;
                try {
                    body = text ? JSON.parse(text) : undefined;
                } catch {
                    body = text;
                }
                resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
            });
        });
        req.on('error', reject);
        req.end(payload);
    });
}

/** A valid ARM token for the service principal, issued by the emulator. */
export async function armToken(em: RunningEmulator): Promise<string> {
    const token = await credential(em).getToken(em.scope);
    if (!token) {
        throw new Error('no token');
    }
    return token.token;
}

/** The emulator's cloud, resolved from its settings the way the extension resolves them. */
export function emulatorCloud(em: RunningEmulator): CloudEndpoints {
    return resolveCloud(
        em.settings['microsoft-sovereign-cloud.environment'],
        em.settings['microsoft-sovereign-cloud.customEnvironment'],
    );
}

/** A subscription as the extension's sign-in hands it over: the service principal's credential in the emulator's cloud. */
export function subscriptionContext(em: RunningEmulator, subscriptionId: string, name: string): SubscriptionContext {
    return { subscriptionId, name, tenantId: em.tenantId, credential: credential(em), cloud: emulatorCloud(em) };
}
