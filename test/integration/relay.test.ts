/**
 * Microsoft.Relay through its published REST API (api-version 2021-11-01), the steps the CLI takes for an Arc
 * cluster's AzureML extension: namespace, hybrid connection, authorization rule `azureml_rw`, listKeys. The keys
 * are secrets: the emulator's request log never holds them, not even inside the extension's protected settings.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { RelayAPI } from '@azure/arm-relay';
import { armToken, clients, credential, raw, startTestEmulator } from './helpers';

const rg = defaultWorld.clusters.arcEdgeLab.resourceGroupId;
const ns = `${rg}/providers/Microsoft.Relay/namespaces/azmlrly-edgelab`;
const hc = `${ns}/hybridConnections/arc-edge-lab`;
const rule = `${hc}/authorizationRules/azureml_rw`;
const v = '?api-version=2021-11-01';

describe('Microsoft.Relay namespaces, hybrid connections, authorization rules and listKeys (REST 2021-11-01)', () => {
    let em: RunningEmulator;
    let token: string;
    const call = (method: string, path: string, body?: unknown) => raw(em, method, `${path}${v}`, { token, body });
    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 100 });
        em.admin.setFaults({});
        token = await armToken(em);
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    it('creates a namespace (201 Created/Activating, then Succeeded/Active), a hybrid connection and a rule, and lists its keys', async () => {
        const created = await call('PUT', ns, { location: 'eastus', sku: { name: 'Standard', tier: 'Standard' } });
        assert.strictEqual(created.status, 201, created.text);
        assert.deepStrictEqual(
            [created.body.properties.provisioningState, created.body.properties.status],
            ['Created', 'Activating'],
        );
        await new Promise((r) => setTimeout(r, 150));
        const read = await call('GET', ns);
        assert.deepStrictEqual(
            [read.body.properties.provisioningState, read.body.properties.status],
            ['Succeeded', 'Active'],
        );
        assert.strictEqual(
            read.body.properties.serviceBusEndpoint,
            'https://azmlrly-edgelab.servicebus.windows.net:443/',
        );

        const hybrid = await call('PUT', hc, { properties: { requiresClientAuthorization: true } });
        assert.strictEqual(hybrid.status, 200, hybrid.text);
        assert.strictEqual(hybrid.body.properties.requiresClientAuthorization, true);
        assert.strictEqual((await call('GET', hc)).body.name, 'arc-edge-lab');

        const ruled = await call('PUT', rule, { properties: { rights: ['Manage', 'Send', 'Listen'] } });
        assert.strictEqual(ruled.status, 200, ruled.text);
        assert.deepStrictEqual((await call('GET', rule)).body.properties.rights, ['Manage', 'Send', 'Listen']);

        const keys = await call('POST', `${rule}/listKeys`);
        assert.strictEqual(keys.status, 200, keys.text);
        assert.strictEqual(keys.body.keyName, 'azureml_rw');
        assert.match(
            keys.body.primaryConnectionString,
            /^Endpoint=sb:\/\/azmlrly-edgelab\.servicebus\.windows\.net\/;SharedAccessKeyName=azureml_rw;SharedAccessKey=[A-Za-z0-9+/=]{44};EntityPath=arc-edge-lab$/,
        );
        assert.notStrictEqual(keys.body.primaryKey, keys.body.secondaryKey);
        assert.strictEqual(
            (await call('POST', `${rule}/listKeys`)).body.primaryKey,
            keys.body.primaryKey,
            'stable keys',
        );
        const root = await call('POST', `${ns}/authorizationRules/RootManageSharedAccessKey/listKeys`);
        assert.doesNotMatch(root.body.primaryConnectionString, /EntityPath/);
    });

    it('serves the same steps through @azure/arm-relay: the namespace create polls to Succeeded, listKeys answers', async () => {
        const relay = new RelayAPI(credential(em), defaultWorld.subscriptions.dev.id, {
            endpoint: em.url,
            credentialScopes: [em.scope],
        });
        const created = await relay.namespaces.beginCreateOrUpdateAndWait(
            'rg-arc-dev',
            'azmlrly-edgelab',
            { location: 'eastus', tags: { created_by: 'Azure Arc-enabled ML' } },
            { updateIntervalInMs: 20 },
        );
        assert.deepStrictEqual(
            [created.provisioningState, created.serviceBusEndpoint],
            ['Succeeded', 'https://azmlrly-edgelab.servicebus.windows.net:443/'],
        );
        const hybrid = await relay.hybridConnections.createOrUpdate('rg-arc-dev', 'azmlrly-edgelab', 'arc-edge-lab', {
            requiresClientAuthorization: true,
        });
        assert.strictEqual(hybrid.id, hc);
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
        assert.match(
            keys.primaryConnectionString ?? '',
            /SharedAccessKeyName=azureml_rw;SharedAccessKey=.+;EntityPath=arc-edge-lab$/,
        );
        const prod = new RelayAPI(credential(em), defaultWorld.subscriptions.prod.id, {
            endpoint: em.url,
            credentialScopes: [em.scope],
        });
        const fixtureRule = await prod.hybridConnections.getAuthorizationRule(
            'rg-arc-prod',
            'azmlrly-onprem01',
            'arc-onprem-01',
            'azureml_rw',
        );
        assert.deepStrictEqual(
            fixtureRule.rights,
            ['Manage', 'Send', 'Listen'],
            "the fixture's Arc relay has the CLI's rule",
        );
    });

    it('refuses bad names, rights and a missing location; 404s under a missing parent', async () => {
        assert.strictEqual(
            (await call('PUT', `${rg}/providers/Microsoft.Relay/namespaces/ab`, { location: 'eastus' })).status,
            400,
        );
        assert.strictEqual((await call('PUT', ns, {})).body.error.code, 'LocationRequired');
        assert.strictEqual((await call('PUT', hc, { properties: {} })).body.error.code, 'ParentResourceNotFound');
        await call('PUT', ns, { location: 'eastus' });
        await call('PUT', hc, { properties: {} });
        const rights = await call('PUT', rule, { properties: { rights: ['Admin'] } });
        assert.strictEqual(rights.status, 400);
        assert.match(rights.body.error.message, /Manage, Send or Listen/);
        assert.strictEqual((await call('POST', `${hc}/authorizationRules/missing/listKeys`)).status, 404);
    });

    it('checks listKeys as an action: Reader may read the rule but not list its keys', async () => {
        await call('PUT', ns, { location: 'eastus' });
        await call('PUT', hc, { properties: {} });
        await call('PUT', rule, { properties: { rights: ['Listen'] } });
        const sp = defaultWorld.servicePrincipal.objectId;
        const sub = defaultWorld.subscriptions.dev.id;
        const owner = (
            em.admin.state().resources as { id: string; properties?: { principalId?: string; scope?: string } }[]
        ).find((r) => r.properties?.principalId === sp && r.properties?.scope === `/subscriptions/${sub}`);
        em.admin.deleteResource(owner!.id);
        em.admin.upsertResource({
            id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/9d1f0000-0000-4000-8000-000000000003`,
            name: '9d1f0000-0000-4000-8000-000000000003',
            type: 'Microsoft.Authorization/roleAssignments',
            properties: {
                roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${defaultWorld.roles.reader.id}`,
                principalId: sp,
                principalType: 'ServicePrincipal',
                scope: `/subscriptions/${sub}`,
            },
        });
        assert.strictEqual((await call('GET', rule)).status, 200);
        const denied = await call('POST', `${rule}/listKeys`);
        assert.strictEqual(denied.status, 403);
        assert.match(
            denied.body.error.message,
            /Microsoft\.Relay\/namespaces\/hybridConnections\/authorizationRules\/listkeys\/action/,
        );
    });

    it('keeps keys and connection strings out of the request log, including an extension PUT that carries one', async () => {
        await call('PUT', ns, { location: 'eastus' });
        await call('PUT', hc, { properties: {} });
        await call('PUT', rule, { properties: { rights: ['Manage', 'Send', 'Listen'] } });
        const keys = (await call('POST', `${rule}/listKeys`)).body;
        const ext = clients(em).extensions.extensions;
        await ext.beginDeleteAndWait(
            'rg-arc-dev',
            'Microsoft.Kubernetes',
            'connectedClusters',
            'arc-edge-lab',
            'azureml',
            { updateIntervalInMs: 20 },
        );
        await ext.beginCreateAndWait(
            'rg-arc-dev',
            'Microsoft.Kubernetes',
            'connectedClusters',
            'arc-edge-lab',
            'azureml',
            {
                extensionType: 'Microsoft.AzureML.Kubernetes',
                configurationSettings: {
                    enableTraining: 'True',
                    'relayserver.hybridConnectionResourceID': hc,
                    note: keys.primaryConnectionString,
                },
                configurationProtectedSettings: { 'relayserver.relayConnectionString': keys.primaryConnectionString },
            },
            { updateIntervalInMs: 20 },
        );
        const log = fs.readFileSync(em.requestLogPath, 'utf8') + JSON.stringify(em.admin.requests());
        assert.ok(log.includes('relayserver.relayConnectionString'), 'the protected setting is named');
        assert.ok(!log.includes(keys.primaryKey), 'the key is nowhere in the log');
        assert.ok(!log.includes(keys.secondaryKey));
    });
});
