import * as assert from 'assert';
import { relayNamespaceId } from '../../src/azure/mappers';
import {
    evaluateRequirement,
    trainingRequirements,
    workspaceIdentityRequirements,
} from '../../src/domain/roleRequirements';
import { builtInRoles } from '../../src/domain/roles';
import { defaultWorld } from '../emulator/defaultWorld';

const sub = defaultWorld.subscriptions.prod.id;
const rg = defaultWorld.clusters.arcOnprem.resourceGroupId;
const arc = defaultWorld.clusters.arcOnprem.id;
const relay = defaultWorld.clusters.arcOnprem.relay?.namespace ?? '';
const principal = defaultWorld.identities.wsNlp.principalId;

const definition = (role: { id: string; name: string }, actions: string[], dataActions: string[] = []) => ({
    id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
    name: role.id,
    roleName: role.name,
    permissions: [{ actions, notActions: [], dataActions, notDataActions: [] }],
});
const definitions = [
    definition(builtInRoles.owner, ['*']),
    definition(builtInRoles.reader, ['*/read']),
    definition(builtInRoles.azureRelayOwner, ['Microsoft.Relay/*']),
    definition(builtInRoles.kubernetesExtensionContributor, [
        'Microsoft.KubernetesConfiguration/extensions/write',
        'Microsoft.KubernetesConfiguration/extensions/read',
    ]),
    definition(
        builtInRoles.storageBlobDataReader,
        ['Microsoft.Storage/storageAccounts/blobServices/containers/read'],
        ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
    ),
];
const assign = (scope: string, role: { id: string }) => ({
    scope,
    principalId: principal,
    roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
});

describe('role requirements', () => {
    it('finds the relay namespace of an Arc cluster from the extension setting', () => {
        assert.strictEqual(relayNamespaceId(`${relay}/hybridConnections/arc-onprem-01`), relay);
        assert.strictEqual(relayNamespaceId(arc), undefined);
        assert.strictEqual(relayNamespaceId(undefined), undefined);
    });

    it('lists Reader and Azure Relay Owner (seed table) and the newer roles for an Arc cluster', () => {
        const requirements = workspaceIdentityRequirements({ id: arc, kind: 'arc', relayId: relay });
        assert.deepStrictEqual(
            requirements.map((r) => [r.role.name, r.scope, r.source]),
            [
                ['Reader', arc, 'attachPrerequisite'],
                ['Azure Relay Owner', relay, 'attachPrerequisite'],
                ['Kubernetes Extension Contributor', arc, 'newerDocumentation'],
            ],
        );
    });

    it('asks AKS clusters for Reader, Kubernetes Extension Contributor and AKS Cluster Admin, and no relay', () => {
        const aks = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks`;
        assert.deepStrictEqual(
            workspaceIdentityRequirements({ id: aks, kind: 'aks' }).map((r) => r.role.name),
            ['Reader', 'Kubernetes Extension Contributor', 'Azure Kubernetes Service Cluster Admin Role'],
        );
    });

    it('treats Owner at the subscription as covering Reader on the cluster, and names where it comes from', () => {
        const [reader] = workspaceIdentityRequirements({ id: arc, kind: 'arc', relayId: relay });
        const status = evaluateRequirement(reader, principal, {
            assignments: [assign(`/subscriptions/${sub}`, builtInRoles.owner)],
            definitions,
        });
        assert.deepStrictEqual(status, {
            state: 'granted',
            roleName: 'Owner',
            scope: `/subscriptions/${sub}`,
            inherited: true,
        });
    });

    it('does not count Reader as Azure Relay Owner, nor an assignment on another resource', () => {
        const [, relayOwner] = workspaceIdentityRequirements({ id: arc, kind: 'arc', relayId: relay });
        const evidence = {
            assignments: [
                assign(relay, builtInRoles.reader),
                assign(`${rg}/providers/Microsoft.Relay/namespaces/other`, builtInRoles.azureRelayOwner),
            ],
            definitions,
        };
        assert.deepStrictEqual(evaluateRequirement(relayOwner, principal, evidence), { state: 'missing' });
        const direct = evaluateRequirement(relayOwner, principal, {
            assignments: [assign(relay, builtInRoles.azureRelayOwner)],
            definitions,
        });
        assert.deepStrictEqual(direct, {
            state: 'granted',
            roleName: 'Azure Relay Owner',
            scope: relay,
            inherited: false,
        });
    });

    it('says unknown when the relay or the assignments cannot be read', () => {
        const [, relayOwner] = workspaceIdentityRequirements({ id: arc, kind: 'arc' });
        assert.strictEqual(
            evaluateRequirement(relayOwner, principal, { assignments: [], definitions }).state,
            'unknown',
        );
        const [reader] = workspaceIdentityRequirements({ id: arc, kind: 'arc' });
        assert.deepStrictEqual(evaluateRequirement(reader, principal, { unknownReason: 'no read access' }), {
            state: 'unknown',
            reason: 'no read access',
        });
    });

    it('does not let Owner stand in for a data role', () => {
        const storage = `${rg}/providers/Microsoft.Storage/storageAccounts/st1`;
        const [reader] = trainingRequirements({ storageAccount: storage });
        assert.strictEqual(reader.role.name, 'Storage Blob Data Reader');
        assert.strictEqual(
            evaluateRequirement(reader, principal, {
                assignments: [assign(`/subscriptions/${sub}`, builtInRoles.owner)],
                definitions,
            }).state,
            'missing',
        );
    });
});
