/**
 * Security properties of the pure parts: role grants stay inside the guidance, hostile strings stay text (and shell
 * words), secrets are removed from error messages before they are logged or shown.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describeAzureError, formatErrorForLog, redactSecrets } from '../../src/azure/errors';
import type { ComputeInfo, WorkspaceInfo } from '../../src/domain/models';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { azAttachCommand } from '../../src/domain/attachPlan';
import { azInstallExtensionCommand, azRoleAssignmentCommand } from '../../src/domain/azCommands';
import { toExtensionDetails } from '../../src/azure/extensionOperations';
import { relaySettings } from '../../src/azure/relaySetup';
import { cliConfig } from '../../src/domain/extensionSettings';
import { inertText } from '../../src/domain/inertText';
import { buildRoleRow, trainingRowRequirements } from '../../src/domain/roleGuidance';
import { workspaceIdentityRequirements } from '../../src/domain/roleRequirements';
import { builtInRoles, grantRefusal } from '../../src/domain/roles';
import { attachmentOf, identityOf, placeholderState, statusOf } from '../../src/webview/computePanel/panelState';
import { allHostile, hostileStrings } from '../fixtures/hostileStrings';
import { defaultWorld } from '../emulator/defaultWorld';

const DEV = defaultWorld.subscriptions.dev.id;
const RG = defaultWorld.workspaces.vision.resourceGroupId;
const REGISTRY = defaultWorld.registries.vision.id;
const STORAGE = defaultWorld.storageAccounts.vision.id;
const AKS = defaultWorld.clusters.aksGpuDev.id;
const ARC = `/subscriptions/${DEV}/resourceGroups/rg-arc/providers/Microsoft.Kubernetes/connectedClusters/arc-edge-lab`;
const RELAY = `/subscriptions/${DEV}/resourceGroups/rg-arc/providers/Microsoft.Relay/namespaces/azmlrly-edge`;
const WS = defaultWorld.workspaces.vision.id;
const PRINCIPAL = defaultWorld.computes.k8sGpu.principalId ?? '';
const SECRET = defaultWorld.servicePrincipal.clientSecret;
const KEY_VAULT_ADMIN = '00482a5a-887f-4fb3-b363-3b7fe8e74483';
const { owner, contributor, userAccessAdministrator, acrPull, storageBlobDataReader, reader, azureRelayOwner } =
    builtInRoles;

describe('role grants stay inside the guidance', () => {
    const refused: [string, string, string, RegExp][] = [
        ['Owner on a registry', owner.id, REGISTRY, /never granted/],
        ['Owner on the subscription', owner.id, `/subscriptions/${DEV}`, /never granted/],
        ['Contributor on storage', contributor.id, STORAGE, /never granted/],
        ['User Access Administrator on a cluster', userAccessAdministrator.id, AKS, /never granted/],
        ['Owner, upper-case id', owner.id.toUpperCase(), REGISTRY, /never granted/],
        ['a role the guidance never names', KEY_VAULT_ADMIN, REGISTRY, /only the roles its guidance names/],
        ['AcrPull on the subscription', acrPull.id, `/subscriptions/${DEV}`, /only on a Microsoft.ContainerRegistry/],
        ['AcrPull on a resource group', acrPull.id, RG, /only on a Microsoft.ContainerRegistry\/registries, not on/],
        ['AcrPull on a storage account', acrPull.id, STORAGE, /only on a Microsoft.ContainerRegistry/],
        ['AcrPull on the workspace', acrPull.id, WS, /only on a Microsoft.ContainerRegistry/],
        ['Storage Blob Data Reader on a registry', storageBlobDataReader.id, REGISTRY, /only on a Microsoft.Storage/],
        [
            'Storage Blob Data Reader on a container',
            storageBlobDataReader.id,
            `${STORAGE}/blobServices/default`,
            /only/,
        ],
        ['Reader on the subscription', reader.id, `/subscriptions/${DEV}`, /only on a Microsoft.ContainerService/],
        ['Reader on a node pool', reader.id, `${AKS}/agentPools/p1`, /only on/],
        ['Azure Relay Owner on a hybrid connection', azureRelayOwner.id, `${RELAY}/hybridConnections/x`, /only on/],
        [
            'Azure Relay Owner on the resource group',
            azureRelayOwner.id,
            `/subscriptions/${DEV}/resourceGroups/rg-arc`,
            /only on/,
        ],
        ['AcrPull on the root scope', acrPull.id, '/', /only on/],
        ['AcrPull on a malformed scope', acrPull.id, `${REGISTRY}/`, /only on/],
    ];
    for (const [what, roleId, scope, reason] of refused) {
        it(`refuses ${what}`, () => assert.match(grantRefusal(roleId, scope) ?? '', reason));
    }
    const allowed: [string, string, string][] = [
        ['AcrPull on the registry', acrPull.id, REGISTRY],
        ['AcrPull on the registry in odd case', acrPull.id.toUpperCase(), REGISTRY.toLowerCase()],
        ['Storage Blob Data Reader on storage', storageBlobDataReader.id, STORAGE],
        ['Reader on an AKS cluster', reader.id, AKS],
        ['Reader on an Arc cluster', reader.id, ARC],
        ['Azure Relay Owner on the relay namespace', azureRelayOwner.id, RELAY],
    ];
    for (const [what, roleId, scope] of allowed) {
        it(`allows ${what}`, () => assert.strictEqual(grantRefusal(roleId, scope), undefined));
    }

    it('does not offer Assign when the workspace points its registry or storage at a wider scope', () => {
        const widened = trainingRowRequirements({ containerRegistry: `/subscriptions/${DEV}`, storageAccount: RG });
        assert.ok(widened.length > 0);
        for (const { requirement } of widened) {
            const row = buildRoleRow(
                'training',
                requirement,
                { principalId: PRINCIPAL, name: 'p' },
                {
                    status: { state: 'missing' },
                    canWrite: true,
                },
            );
            assert.strictEqual(row.canAssign, false, row.roleName);
            assert.match(row.cannotAssignReason ?? '', /granted only on a Microsoft\.(ContainerRegistry|Storage)/);
        }
    });

    it('does not offer Assign when a compute names a subscription as its cluster', () => {
        for (const requirement of workspaceIdentityRequirements({ id: `/subscriptions/${DEV}`, kind: 'aks' })) {
            const row = buildRoleRow(
                'prerequisite',
                requirement,
                { principalId: PRINCIPAL, name: 'p' },
                {
                    status: { state: 'missing' },
                    canWrite: true,
                },
            );
            assert.strictEqual(row.canAssign, false, row.roleName);
        }
    });

    it('still offers Assign for the rows the guidance names', () => {
        const [row] = trainingRowRequirements({ containerRegistry: REGISTRY }).map(({ requirement }) =>
            buildRoleRow(
                'training',
                requirement,
                { principalId: PRINCIPAL, name: 'p' },
                {
                    status: { state: 'missing' },
                    canWrite: true,
                },
            ),
        );
        assert.strictEqual(row.canAssign, true);
    });
});

describe('hostile strings stay text', () => {
    it('inertText breaks notification command links, shows invisible and direction characters, cuts long text', () => {
        assert.strictEqual(
            inertText('[Fix it](command:workbench.action.quit)'),
            '[Fix it] (command:workbench.action.quit)',
        );
        assert.strictEqual(inertText('invoice\u202Egnp.exe'), 'invoice\\u{202E}gnp.exe');
        assert.strictEqual(inertText('a\u200Bb\u0007c'), 'a\\u{200B}b\\u{7}c');
        assert.strictEqual(inertText('x'.repeat(5000)).length, 1000);
        for (const ordinary of [
            'The AzureML extension is not installed on cluster aks-cpu-noext. Deploy it, then attach again.',
            'Line one\nline two\ttabbed (in brackets) [and square]',
        ]) {
            assert.strictEqual(inertText(ordinary), ordinary);
        }
        for (const { id, value } of hostileStrings) {
            assert.ok(!/\]\(/.test(inertText(value)), id);
            assert.ok(!/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(inertText(value)), id);
        }
    });

    const sub: SubscriptionContext = {
        subscriptionId: DEV,
        name: allHostile(),
        tenantId: defaultWorld.tenant.tenantId,
    } as SubscriptionContext;

    for (const { id, value } of hostileStrings) {
        it(`the panel state keeps ${id} as it came, in every field`, () => {
            const workspace: WorkspaceInfo = {
                id: WS,
                name: value,
                subscriptionId: DEV,
                resourceGroup: value,
                location: value,
                identity: { type: 'SystemAssigned', userAssigned: [] },
            };
            const compute: ComputeInfo = {
                id: `${WS}/computes/k8s-gpu`,
                name: value,
                workspaceId: WS,
                workspaceName: value,
                subscriptionId: DEV,
                resourceGroup: 'rg-ml-dev',
                description: value,
                clusterId: AKS,
                namespace: value,
                provisioningState: 'Failed',
                provisioningErrors: [{ code: value, message: value }],
                identity: { type: 'SystemAssigned', principalId: PRINCIPAL, userAssigned: [] },
            };
            const status = statusOf(compute);
            assert.deepStrictEqual(status.errors, [{ code: value, message: value }]);
            const attachment = attachmentOf(sub, workspace, compute);
            assert.strictEqual(attachment.workspaceName, value);
            assert.strictEqual(attachment.namespace, value);
            assert.strictEqual(attachment.subscriptionName, sub.name);
            assert.strictEqual(identityOf(compute).displayName, `${value}/computes/${value}`);
            assert.strictEqual(placeholderState(DEV, compute.id, compute).status.errors[0].message, value);
            // The state is data for the page, which sets it as text (page/dom.ts el() uses textContent): not escaped here.
        });
    }

    /** The words bash makes of `command`, with `az` replaced by a printer of its arguments. */
    function shellWords(command: string): string[] {
        const out = execFileSync('bash', ['-c', `az() { printf '%s\\0' "$@"; }\n${command}`], { encoding: 'utf8' });
        return out.split('\0').slice(0, -1);
    }

    it('the az attach command keeps every hostile name one shell word, and runs nothing', () => {
        for (const { id, value } of hostileStrings.filter((h) => h.value.length < 1000)) {
            const command = azAttachCommand({
                workspace: { id: WS, name: value, resourceGroup: value, location: 'eastus' },
                cluster: { id: AKS, kind: 'aks' },
                computeName: value,
                namespace: value,
                identity: { type: 'UserAssigned', identityId: value },
            });
            const words = shellWords(command);
            for (const flag of [
                '--resource-group',
                '--workspace-name',
                '--name',
                '--namespace',
                '--user-assigned-identities',
            ]) {
                assert.strictEqual(words[words.indexOf(flag) + 1], value, `${id} ${flag}`);
            }
            assert.ok(!words.some((w) => /^PWNED-/.test(w)), `${id}: the shell ran something`);
        }
    });

    it('the az role assignment and extension commands keep a hostile scope or name one shell word', () => {
        for (const { id, value } of hostileStrings.filter((h) => h.value.length < 1000)) {
            const scope = `${RG}/providers/Microsoft.ContainerRegistry/registries/${value}`;
            const words = shellWords(azRoleAssignmentCommand(PRINCIPAL, 'AcrPull', scope));
            assert.strictEqual(words[words.indexOf('--scope') + 1], scope, id);
            const cluster = `/subscriptions/${DEV}/resourceGroups/${value}/providers/Microsoft.ContainerService/managedClusters/${value}`;
            const ext = shellWords(azInstallExtensionCommand(cluster, 'aks'));
            if (!value.includes('/')) {
                assert.strictEqual(ext[ext.indexOf('--cluster-name') + 1], value, id);
                assert.strictEqual(ext[ext.indexOf('--resource-group') + 1], value, id);
            }
            assert.ok(!ext.some((w) => /^PWNED-/.test(w)), id);
        }
    });
});

describe('secrets never reach an error message or the log', () => {
    const jwt =
        'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tLyJ9.c2lnbmF0dXJlLXZhbHVl';
    const relay =
        'Endpoint=sb://azmlrly-onprem01.servicebus.windows.net/;SharedAccessKeyName=arc-nlp-listen;SharedAccessKey=RU1VTEFURUQtUkVMQVktU0VDUkVU=;EntityPath=arc-onprem-01';
    const secrets = [
        jwt,
        'RU1VTEFURUQtUkVMQVktU0VDUkVU=',
        SECRET,
        'sv=2024&sig=c2FzLXNpZ25hdHVyZQ%3D',
        'c2FzLXNpZ25hdHVyZQ',
        'AccountKey=c3RvcmFnZS1rZXk=',
        'MIIEvQIBADANBg',
    ];

    function restError(message: string, bodyMessage: string): RestError {
        const request = createPipelineRequest({
            url: `https://management.azure.com${AKS}?api-version=2024-01-01&client_secret=${SECRET}`,
            method: 'PUT',
            headers: createHttpHeaders({ authorization: `Bearer ${jwt}` }),
            body: JSON.stringify({ properties: { relayConnectionString: relay } }),
        });
        return new RestError(message, {
            statusCode: 400,
            code: 'BadRequest',
            request,
            response: {
                status: 400,
                request,
                headers: createHttpHeaders({ 'x-ms-request-id': 'req-1' }),
                bodyAsText: JSON.stringify({ error: { code: 'InvalidConnectionString', message: bodyMessage } }),
            },
        });
    }

    it('the real RestError carries the token; describeAzureError and formatErrorForLog leave it out', () => {
        const error = restError(
            `Bearer ${jwt} was refused`,
            `The connection string ${relay} is not valid for token ${jwt} (client_secret=${SECRET}, sig=c2FzLXNpZ25hdHVyZQ%3D, AccountKey=c3RvcmFnZS1rZXk=) -----BEGIN PRIVATE KEY-----MIIEvQIBADANBg`,
        );
        assert.ok(error.request?.headers.get('authorization')?.includes(jwt), 'the error does carry the token');
        const info = describeAzureError(error);
        const line = formatErrorForLog(info);
        for (const secret of secrets) {
            assert.ok(!line.includes(secret), `${secret} in ${line}`);
            assert.ok(!JSON.stringify(info).includes(secret), `${secret} in the error info`);
        }
        assert.match(line, /badRequest status=400 code=InvalidConnectionString x-ms-request-id=req-1/);
        assert.match(line, /SharedAccessKey=\*\*\*/);
        assert.match(line, /Endpoint=sb:\/\/azmlrly-onprem01/, 'the rest of the message stays');
    });

    it('the SDK message is redacted when the body has none', () => {
        const info = describeAzureError(restError(`Bearer ${jwt} was refused; ${relay}`, ''));
        assert.strictEqual(info.message.includes(jwt) || info.message.includes('RU1VTEFURUQ'), false, info.message);
    });

    it('redactSecrets leaves ordinary messages alone', () => {
        for (const text of [
            'The client has no access to perform action Microsoft.Authorization/roleAssignments/write.',
            "Compute k8s-gpu was not found in workspace ws-vision (Bearer-less, key='value').",
        ]) {
            assert.strictEqual(redactSecrets(text), text);
        }
    });
});

describe('the AzureML extension’s relay connection string stays in the request body', () => {
    const connection =
        'Endpoint=sb://arcedgelab.servicebus.windows.net/;SharedAccessKeyName=azureml_rw;SharedAccessKey=RU1VTEFURUQtQVJDLVJFTEFZ=;EntityPath=arc-edge-lab';
    const relay = {
        hybridConnectionId: `${RELAY}/hybridConnections/arc-edge-lab`,
        hybridConnectionName: 'arc-edge-lab',
        created: true,
        connectionString: connection,
    };

    it('is a protected setting only, under both keys the CLI sets', () => {
        const { settings, protectedSettings } = relaySettings(relay);
        assert.ok(!JSON.stringify(settings).includes('SharedAccessKey'), JSON.stringify(settings));
        assert.deepStrictEqual(Object.keys(protectedSettings), [
            'relayServerConnectionString',
            'relayserver.relayConnectionString',
        ]);
    });

    it('what the product reads back (panel, follower, notifications) carries the names of protected settings only', () => {
        const details = toExtensionDetails({
            id: `${ARC}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
            name: 'azureml',
            provisioningState: 'Succeeded',
            configurationSettings: relaySettings(relay).settings,
            // A service that did echo the value (the published API never does): it is still not carried.
            configurationProtectedSettings: relaySettings(relay).protectedSettings,
        });
        assert.ok(details);
        assert.ok(!JSON.stringify(details).includes('RU1VTEFURUQtQVJDLVJFTEFZ'), JSON.stringify(details));
        assert.deepStrictEqual(details.protectedSettingNames, [
            'relayServerConnectionString',
            'relayserver.relayConnectionString',
        ]);
    });

    it('the equivalent az command never names it, and a service error echoing it is redacted', () => {
        const command = azInstallExtensionCommand(ARC, 'arc', {
            config: cliConfig({ purpose: 'training' }),
            releaseTrain: 'stable',
        });
        assert.ok(!command.includes('SharedAccessKey'), command);
        assert.doesNotMatch(
            formatErrorForLog(describeAzureError(new Error(`Could not use ${connection}`))),
            /RU1VTEFURUQtQVJDLVJFTEFZ/,
        );
    });
});
