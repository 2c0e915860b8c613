import * as assert from 'assert';
import * as crypto from 'crypto';
import { defaultWorld } from '../emulator';
import type { RunningEmulator } from '../emulator/server';
import { armToken, raw, startTestEmulator, sub1, type RawResponse } from './helpers';

/** A JSON answer, read field by field as a client of that api-version would. */
type Answer = RawResponse['body'];

/**
 * Older api-versions answer in their own shape where the specs differ (test/emulator/versionShapes.ts), by plain
 * HTTPS as a client generated from that spec version sends them; today's versions keep today's shape.
 */
describe('the emulator answers each api-version in its own shape', () => {
    let em: RunningEmulator;
    let token: string;
    before(async () => {
        em = await startTestEmulator();
        token = await armToken(em);
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    async function get(path: string, apiVersion: string): Promise<Answer> {
        const res = await raw(em, 'GET', `${path}?api-version=${apiVersion}`, { token });
        assert.strictEqual(res.status, 200, `${path} at ${apiVersion}: ${res.text}`);
        return res.body;
    }
    const keysOf = (o: object): string[] => Object.keys(o).sort();

    it('subscriptions: tenantId from 2018-06-01, managedByTenants from 2019-06-01, tags from 2019-11-01', async () => {
        const at = async (v: string): Promise<Answer> =>
            ((await get('/subscriptions', v)).value as Answer[]).find((s) => s.subscriptionId === sub1);
        const oldest = await at('2015-11-01');
        assert.deepStrictEqual(keysOf(oldest), [
            'displayName',
            'id',
            'state',
            'subscriptionId',
            'subscriptionPolicies',
        ]);
        assert.deepStrictEqual(keysOf(oldest.subscriptionPolicies), ['locationPlacementId', 'quotaId']);
        const v2016 = await at('2016-06-01');
        assert.strictEqual(v2016.authorizationSource, 'RoleBased');
        assert.strictEqual(v2016.subscriptionPolicies.spendingLimit, 'Off');
        for (const absent of ['tenantId', 'tags', 'managedByTenants']) {
            assert.ok(!(absent in v2016), `2016-06-01 has no ${absent}`);
        }
        const v2019 = await at('2019-06-01');
        assert.strictEqual(v2019.tenantId, defaultWorld.subscriptions.dev.tenantId);
        assert.deepStrictEqual(v2019.managedByTenants, []);
        assert.ok(!('tags' in v2019), '2019-06-01 has no tags');
        const today = await at('2022-12-01');
        assert.ok('tags' in today && 'managedByTenants' in today && 'tenantId' in today, JSON.stringify(today));
        const one = await get(`/subscriptions/${sub1}`, '2016-06-01');
        assert.ok(!('tenantId' in one) && one.displayName === defaultWorld.subscriptions.dev.name, JSON.stringify(one));
    });

    it('tenants: only id and tenantId before 2018-06-01, tenantCategory from 2019-06-01, defaultDomain from 2020-01-01', async () => {
        const at = async (v: string): Promise<Answer> =>
            ((await get('/tenants', v)).value as Answer[]).find((t) => t.tenantId === defaultWorld.tenant.tenantId);
        assert.deepStrictEqual(keysOf(await at('2016-06-01')), ['id', 'tenantId']);
        const v2018 = await at('2018-06-01');
        assert.deepStrictEqual(keysOf(v2018), ['country', 'countryCode', 'displayName', 'domains', 'id', 'tenantId']);
        const v2019 = await at('2019-11-01');
        assert.strictEqual(v2019.tenantCategory, 'Home');
        assert.ok(!('defaultDomain' in v2019), '2019-11-01 has no defaultDomain');
        const today = await at('2022-12-01');
        assert.strictEqual(today.defaultDomain, defaultWorld.tenant.defaultDomain);
        assert.strictEqual(today.tenantType, 'AAD');
    });

    it('resource groups: no type before 2018-05-01', async () => {
        const group = defaultWorld.workspaces.vision.resourceGroupId;
        assert.ok(!('type' in (await get(group, '2018-02-01'))), 'no type at 2018-02-01');
        assert.strictEqual((await get(group, '2018-05-01')).type, 'Microsoft.Resources/resourceGroups');
        const listed = (await get(`/subscriptions/${sub1}/resourceGroups`, '2016-09-01')).value as Answer[];
        assert.ok(listed.length > 0 && listed.every((g) => !('type' in g) && g.location), JSON.stringify(listed[0]));
    });

    const extensionId = `${defaultWorld.clusters.aksGpuDev.id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
    const extensionsOf = `${defaultWorld.clusters.aksGpuDev.id}/providers/Microsoft.KubernetesConfiguration/extensions`;

    it('cluster extensions: 2020-07-01-preview installState and times, 2022-03-01 installedVersion, today currentVersion', async () => {
        const today = await get(extensionId, '2023-05-01');
        assert.strictEqual(today.properties.provisioningState, 'Succeeded');
        assert.ok(today.properties.currentVersion, 'currentVersion at 2023-05-01');

        const preview = await get(extensionId, '2020-07-01-preview');
        assert.strictEqual(preview.properties.installState, 'Installed');
        assert.strictEqual(preview.properties.creationTime, today.systemData.createdAt);
        assert.strictEqual(preview.properties.lastModifiedTime, today.systemData.lastModifiedAt);
        assert.deepStrictEqual(preview.properties.configurationSettings, today.properties.configurationSettings);
        for (const absent of ['provisioningState', 'currentVersion', 'aksAssignedIdentity', 'isSystemExtension']) {
            assert.ok(!(absent in preview.properties), `2020-07-01-preview has no ${absent}`);
        }
        const listed = ((await get(extensionsOf, '2020-07-01-preview')).value as Answer[]).find(
            (e) => e.name === 'azureml',
        );
        assert.strictEqual(listed.properties.installState, 'Installed');
        assert.ok(!('configurationSettings' in listed.properties), 'the 2020-07-01-preview list has no settings');

        const v2021 = await get(extensionId, '2021-05-01-preview');
        assert.strictEqual(v2021.properties.provisioningState, 'Succeeded');
        assert.ok(!('currentVersion' in v2021.properties), '2021-05-01-preview has no currentVersion');
        const v2022 = await get(extensionId, '2022-03-01');
        assert.strictEqual(v2022.properties.installedVersion, today.properties.currentVersion);
        assert.ok(!('currentVersion' in v2022.properties), '2022-03-01 names it installedVersion');
    });

    it('cluster extensions on AKS: aksAssignedIdentity from 2021-09-01', async () => {
        const id = `${defaultWorld.clusters.aksCpuNoExt.id}/providers/Microsoft.KubernetesConfiguration/extensions/flux`;
        const put = await raw(em, 'PUT', `${id}?api-version=2023-05-01`, {
            token,
            body: { properties: { extensionType: 'microsoft.flux', autoUpgradeMinorVersion: true } },
        });
        assert.ok(put.status < 300, put.text);
        assert.ok((await get(id, '2021-09-01')).properties.aksAssignedIdentity.principalId, 'at 2021-09-01');
        assert.ok(
            !('aksAssignedIdentity' in (await get(id, '2021-05-01-preview')).properties),
            'not at 2021-05-01-preview',
        );
    });

    it('cluster extensions: a 2020-07-01-preview PATCH is read as ExtensionInstanceUpdate (no settings)', async () => {
        const before = (await get(extensionId, '2023-05-01')).properties;
        const patch = await raw(em, 'PATCH', `${extensionId}?api-version=2020-07-01-preview`, {
            token,
            body: {
                properties: { autoUpgradeMinorVersion: false, configurationSettings: { installDcgmExporter: 'False' } },
            },
        });
        assert.ok(patch.status < 300, patch.text);
        const after = (await get(extensionId, '2023-05-01')).properties;
        assert.strictEqual(after.autoUpgradeMinorVersion, false);
        assert.strictEqual(before.configurationSettings.installDcgmExporter, 'True');
        assert.deepStrictEqual(after.configurationSettings, before.configurationSettings);
    });

    it('role assignments: scope, roleDefinitionId and principalId only at 2015-07-01; principalType from 2018-09-01-preview', async () => {
        const path = `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleAssignments`;
        const oldest = (await get(path, '2015-07-01')).value as Answer[];
        assert.ok(oldest.length > 0);
        for (const a of oldest) {
            assert.deepStrictEqual(keysOf(a.properties), ['principalId', 'roleDefinitionId', 'scope']);
        }
        const v2018 = ((await get(path, '2018-09-01-preview')).value as Answer[])[0];
        assert.deepStrictEqual(keysOf(v2018.properties), ['principalId', 'principalType', 'roleDefinitionId', 'scope']);
        const today = ((await get(path, '2022-04-01')).value as Answer[])[0];
        assert.ok('createdOn' in today.properties && 'condition' in today.properties, JSON.stringify(today));
    });

    it('role assignments: a 2015-07-01 PUT has no principalType, so an unknown principal is refused', async () => {
        const unknownPrincipal = crypto.randomUUID();
        const body = {
            properties: {
                roleDefinitionId: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${defaultWorld.roles.reader.id}`,
                principalId: unknownPrincipal,
                principalType: 'ServicePrincipal',
            },
        };
        const scope = `/subscriptions/${sub1}/resourceGroups/${defaultWorld.workspaces.vision.resourceGroup}`;
        const put = (v: string): ReturnType<typeof raw> =>
            raw(
                em,
                'PUT',
                `${scope}/providers/Microsoft.Authorization/roleAssignments/${crypto.randomUUID()}?api-version=${v}`,
                {
                    token,
                    body,
                },
            );
        const old = await put('2015-07-01');
        assert.strictEqual(old.status, 400, old.text);
        assert.strictEqual(old.body.error.code, 'PrincipalNotFound');
        const today = await put('2022-04-01');
        assert.strictEqual(today.status, 201, today.text);
        assert.strictEqual(today.body.properties.principalType, 'ServicePrincipal');
    });

    it('role definitions and permissions: no dataActions before 2018-01-01-preview', async () => {
        const reader = `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${defaultWorld.roles.reader.id}`;
        const old = await get(reader, '2015-07-01');
        assert.deepStrictEqual(keysOf(old.properties.permissions[0]), ['actions', 'notActions']);
        assert.ok(
            'dataActions' in (await get(reader, '2022-04-01')).properties.permissions[0],
            'dataActions at 2022-04-01',
        );
        const mine = `/subscriptions/${sub1}/providers/Microsoft.Authorization/permissions`;
        const oldPermissions = (await get(mine, '2015-07-01')).value as Answer[];
        assert.ok(
            oldPermissions.length > 0 && oldPermissions.every((p) => !('dataActions' in p)),
            JSON.stringify(oldPermissions),
        );
        assert.ok('dataActions' in ((await get(mine, '2022-04-01')).value as Answer[])[0], 'dataActions at 2022-04-01');
    });

    it('managed clusters: no disableLocalAccounts before 2021-03-01, no enableAzureRBAC before 2020-06-01', async () => {
        const id = defaultWorld.clusters.aksLocalOff.id;
        const today = await get(id, '2023-05-01');
        assert.strictEqual(today.properties.disableLocalAccounts, true);
        assert.strictEqual(today.properties.aadProfile.enableAzureRBAC, true);
        const v2021 = await get(id, '2021-03-01');
        assert.strictEqual(v2021.properties.disableLocalAccounts, true);
        const v2021Feb = await get(id, '2021-02-01');
        assert.ok(!('disableLocalAccounts' in v2021Feb.properties), '2021-02-01 has no disableLocalAccounts');
        assert.strictEqual(v2021Feb.properties.aadProfile.enableAzureRBAC, true);
        const v2020 = await get(id, '2020-03-01');
        assert.strictEqual(v2020.properties.aadProfile.managed, true);
        assert.ok(!('enableAzureRBAC' in v2020.properties.aadProfile), '2020-03-01 has no enableAzureRBAC');
        assert.ok(v2020.properties.servicePrincipalProfile, 'servicePrincipalProfile in every version');
    });

    it('workspaces: no publicNetworkAccess before 2021-07-01, no v1LegacyMode and identities with tenantId before 2022-05-01', async () => {
        const id = defaultWorld.workspaces.nlp.id;
        const uai = defaultWorld.identities.wsNlp.id;
        const today = await get(id, '2022-10-01');
        assert.strictEqual(today.properties.publicNetworkAccess, 'Enabled');
        assert.strictEqual(today.properties.v1LegacyMode, false);
        assert.deepStrictEqual(keysOf(today.identity.userAssignedIdentities[uai]), ['clientId', 'principalId']);
        const v2021 = await get(id, '2021-07-01');
        assert.strictEqual(v2021.properties.publicNetworkAccess, 'Enabled');
        assert.ok(!('v1LegacyMode' in v2021.properties), '2021-07-01 has no v1LegacyMode');
        assert.strictEqual(v2021.identity.userAssignedIdentities[uai].tenantId, today.properties.tenantId);
        const listed = (
            (await get(`/subscriptions/${sub1}/providers/Microsoft.MachineLearningServices/workspaces`, '2021-04-01'))
                .value as Answer[]
        ).find((w) => w.name === 'ws-nlp');
        for (const absent of ['publicNetworkAccess', 'mlFlowTrackingUri', 'storageHnsEnabled', 'v1LegacyMode']) {
            assert.ok(!(absent in listed.properties), `2021-04-01 has no ${absent}`);
        }
        assert.strictEqual(listed.properties.primaryUserAssignedIdentity, uai);
        assert.ok('v1LegacyMode' in (await get(id, '2022-01-01-preview')).properties, 'previews are not reshaped');
    });

    it('connected clusters: no private link fields in the stable versions before 2024-01-01', async () => {
        const id = defaultWorld.clusters.arcOnprem.id;
        const today = await get(id, '2024-01-01');
        assert.ok('privateLinkState' in today.properties, JSON.stringify(today.properties));
        const v2021 = await get(id, '2021-10-01');
        assert.ok(!('privateLinkState' in v2021.properties) && !('privateLinkScopeResourceId' in v2021.properties));
        assert.strictEqual(v2021.properties.totalCoreCount, today.properties.totalCoreCount);
    });

    it('user-assigned identities: isolationScope from 2024-11-30, tenantId in every version', async () => {
        const id = defaultWorld.identities.wsNlp.id;
        const today = await get(id, '2024-11-30');
        assert.strictEqual(today.properties.isolationScope, 'None');
        for (const v of ['2015-08-31-preview', '2023-01-31']) {
            const old = await get(id, v);
            assert.deepStrictEqual(keysOf(old.properties), ['clientId', 'principalId', 'tenantId'], v);
        }
    });
});
