/**
 * The AzureML extension on an Arc cluster: the relay the CLI sets up first (@azure/arm-relay), its connection string
 * passed as a protected setting; the relay server's check of it (a missing or wrong key: the release times out
 * waiting for its pods); a system-assigned identity for the extension.
 */

import * as assert from 'assert';
import { RelayAPI } from '@azure/arm-relay';
import type { Extension } from '@azure/arm-kubernetesconfiguration';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { clients, credential, startTestEmulator } from './helpers';

const arc = ['rg-arc-dev', 'Microsoft.Kubernetes', 'connectedClusters', 'arc-edge-lab', 'azureml'] as const;
const poll = { updateIntervalInMs: 20 };

describe('AzureML extension on an Arc cluster, with its relay', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 100, retryAfterSeconds: 0 });
        em.admin.setFaults({});
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    /** The CLI's steps: namespace, hybrid connection named after the cluster, azureml_rw, listKeys. */
    async function relayConnectionString(): Promise<{ connection: string; hybridConnectionId: string }> {
        const relay = new RelayAPI(credential(em), defaultWorld.subscriptions.dev.id, {
            endpoint: em.url,
            credentialScopes: [em.scope],
        });
        await relay.namespaces.beginCreateOrUpdateAndWait(
            'rg-arc-dev',
            'azmlrly-edgelab',
            { location: 'eastus' },
            poll,
        );
        const hc = await relay.hybridConnections.createOrUpdate('rg-arc-dev', 'azmlrly-edgelab', 'arc-edge-lab', {
            requiresClientAuthorization: true,
        });
        await relay.hybridConnections.createOrUpdateAuthorizationRule(
            'rg-arc-dev',
            'azmlrly-edgelab',
            'arc-edge-lab',
            'azureml_rw',
            {
                rights: ['Manage', 'Send', 'Listen'],
            },
        );
        const keys = await relay.hybridConnections.listKeys(
            'rg-arc-dev',
            'azmlrly-edgelab',
            'arc-edge-lab',
            'azureml_rw',
        );
        return { connection: keys.primaryConnectionString ?? '', hybridConnectionId: hc.id ?? '' };
    }

    function body(secrets: Record<string, string>, settings: Record<string, string> = {}): Extension {
        return {
            extensionType: 'Microsoft.AzureML.Kubernetes',
            identity: { type: 'SystemAssigned' },
            scope: { cluster: { releaseNamespace: 'azureml' } },
            configurationSettings: { enableTraining: 'True', ...settings },
            configurationProtectedSettings: secrets,
        };
    }

    async function install(extension: Extension) {
        const ext = clients(em).extensions.extensions;
        await ext.beginDeleteAndWait(...arc, poll);
        return ext.beginCreate(...arc, extension, poll);
    }

    it('installs with the relay connection string: Succeeded, a system-assigned identity, the secret never read back', async () => {
        const { connection, hybridConnectionId } = await relayConnectionString();
        const done = await (
            await install(
                body(
                    { 'relayserver.relayConnectionString': connection },
                    { 'relayserver.hybridConnectionResourceID': hybridConnectionId, 'relayserver.enabled': 'true' },
                ),
            )
        ).pollUntilDone();
        assert.strictEqual(done.provisioningState, 'Succeeded');
        assert.strictEqual(done.identity?.type, 'SystemAssigned');
        assert.match(done.identity?.principalId ?? '', /^[0-9a-f-]{36}$/);
        assert.deepStrictEqual(done.configurationProtectedSettings, { 'relayserver.relayConnectionString': '' });
    });

    it('ends Failed (pods not ready) without a connection string, or with a key the relay refuses', async () => {
        const { connection } = await relayConnectionString();
        const wrongKey = connection.replace(/SharedAccessKey=[^;]+/, 'SharedAccessKey=bm90LXRoZS1rZXk=');
        for (const [secrets, reason] of [
            [{}, /no relay connection string/],
            [{ 'relayserver.relayConnectionString': wrongKey }, /refused the key of rule 'azureml_rw'/],
            [
                { 'relayserver.relayConnectionString': connection.replace('arc-edge-lab', 'elsewhere') },
                /'elsewhere' or its rule/,
            ],
        ] as const) {
            const poller = await install(body(secrets));
            await assert.rejects(poller.pollUntilDone(), (e: Error) => {
                assert.match(e.message, /Timed out waiting for the resource to come to a ready\/completed state/);
                assert.match(e.message, reason);
                assert.ok(
                    !e.message.includes(connection.split('SharedAccessKey=')[1].split(';')[0]),
                    'no key in the error',
                );
                return true;
            });
        }
    });

    it('needs no relay with relayserver.enabled=false', async () => {
        const done = await (await install(body({}, { 'relayserver.enabled': 'false' }))).pollUntilDone();
        assert.strictEqual(done.provisioningState, 'Succeeded');
    });
});
