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
import { defaultStateDir, startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/server';

export const tenantId = '8f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
export const sub1 = '11111111-1111-4111-8111-111111111111';
export const sub2 = '22222222-2222-4222-8222-222222222222';
export const sub3 = '33333333-3333-4333-8333-333333333333';
export const sub4 = '44444444-4444-4444-8444-444444444444';
export const spObjectId = '0d6f4b1e-7a2c-4c89-b3e5-9f1a2b3c4d5e';
export const uaiWsNlp = {
    principalId: '7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a01',
    clientId: '7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6b01',
};
export const uaiTraining = {
    principalId: '7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a02',
    clientId: '7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6b02',
};

export const ids = {
    aksGpuDev: `/subscriptions/${sub1}/resourceGroups/rg-aks-dev/providers/Microsoft.ContainerService/managedClusters/aks-gpu-dev`,
    aksCpuNoExt: `/subscriptions/${sub1}/resourceGroups/rg-aks-dev/providers/Microsoft.ContainerService/managedClusters/aks-cpu-noext`,
    arcOnprem: `/subscriptions/${sub2}/resourceGroups/rg-arc-prod/providers/Microsoft.Kubernetes/connectedClusters/arc-onprem-01`,
    arcEdgeLab: `/subscriptions/${sub1}/resourceGroups/rg-arc-dev/providers/Microsoft.Kubernetes/connectedClusters/arc-edge-lab`,
    aksResearch: `/subscriptions/${sub4}/resourceGroups/rg-research/providers/Microsoft.ContainerService/managedClusters/aks-research`,
    uaiWsNlp: `/subscriptions/${sub1}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ws-nlp`,
    uaiTraining: `/subscriptions/${sub1}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-training`,
    relayNamespace: `/subscriptions/${sub2}/resourceGroups/rg-arc-prod/providers/Microsoft.Relay/namespaces/azmlrly-onprem01`,
    wsVision: `/subscriptions/${sub1}/resourceGroups/rg-ml-dev/providers/Microsoft.MachineLearningServices/workspaces/ws-vision`,
};

export const roles = {
    owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    relayOwner: '2787bf04-f1f5-4bfe-8383-c8a24483ee38',
    acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
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
