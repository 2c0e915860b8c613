import * as assert from 'assert';
import type { ComputeInfo } from '../../src/domain/models';
import {
    addedResourceKind,
    buildRoleRow,
    computePrincipal,
    rowId,
    scopeLabel,
    systemAssignedDisplayName,
    trainingRowRequirements,
    whoCanAssign,
} from '../../src/domain/roleGuidance';
import { workspaceIdentityRequirements, type RoleRequirement } from '../../src/domain/roleRequirements';
import { builtInRoles } from '../../src/domain/roles';
import { defaultWorld } from '../emulator/defaultWorld';

const sub = defaultWorld.subscriptions.dev.id;
const rg = defaultWorld.workspaces.vision.resourceGroupId;
const registry = defaultWorld.registries.vision.id;
const storage = defaultWorld.storageAccounts.vision.id;
const otherRegistry = `/subscriptions/${sub}/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/crshared`;
const uaiId = defaultWorld.identities.training.id;
const principalId = defaultWorld.computes.k8sGpu.principalId ?? '';

function compute(identity: ComputeInfo['identity']): ComputeInfo {
    return {
        id: `${rg}/providers/Microsoft.MachineLearningServices/workspaces/ws-vision/computes/k8s-gpu`,
        name: 'k8s-gpu',
        workspaceId: `${rg}/providers/Microsoft.MachineLearningServices/workspaces/ws-vision`,
        workspaceName: 'ws-vision',
        subscriptionId: sub,
        resourceGroup: 'rg-ml-dev',
        provisioningState: 'Succeeded',
        provisioningErrors: [],
        identity,
    };
}

const acrPull = (): RoleRequirement => trainingRowRequirements({ containerRegistry: registry })[0].requirement;

describe('role guidance rows', () => {
    it('names the system-assigned principal <workspace>/computes/<compute>, or the user-assigned identity', () => {
        assert.strictEqual(systemAssignedDisplayName('ws-vision', 'k8s-gpu'), 'ws-vision/computes/k8s-gpu');
        assert.deepStrictEqual(computePrincipal(compute({ type: 'SystemAssigned', principalId, userAssigned: [] })), {
            principalId,
            name: 'ws-vision/computes/k8s-gpu',
        });
        assert.deepStrictEqual(
            computePrincipal(compute({ type: 'UserAssigned', userAssigned: [{ id: uaiId, principalId: 'p-uai' }] })),
            { principalId: 'p-uai', name: 'id-training', identityId: uaiId },
        );
        assert.deepStrictEqual(computePrincipal(compute({ type: 'UserAssigned', userAssigned: [{ id: uaiId }] })), {
            principalId: undefined,
            name: 'id-training',
            identityId: uaiId,
        });
        assert.strictEqual(computePrincipal(compute({ type: 'None', userAssigned: [] })), undefined);
    });

    it('asks for AcrPull on the registry, Storage Blob Data Reader on storage and offers Contributor; then added resources', () => {
        const rows = trainingRowRequirements({ containerRegistry: registry, storageAccount: storage }, [
            otherRegistry,
            registry,
            storage,
        ]);
        assert.deepStrictEqual(
            rows.map((r) => [r.requirement.role.name, r.requirement.scope, r.requirement.optional ?? false, r.added]),
            [
                ['AcrPull', registry, false, false],
                ['Storage Blob Data Reader', storage, false, false],
                ['Storage Blob Data Contributor', storage, true, false],
                ['AcrPull', otherRegistry, false, true],
            ],
        );
        assert.strictEqual(addedResourceKind(otherRegistry), 'registry');
        assert.strictEqual(addedResourceKind(storage), 'storage');
        assert.strictEqual(addedResourceKind(uaiId), undefined);
    });

    it('a granted row names the scope it is granted at, directly or inherited', () => {
        const principal = { principalId, name: 'ws-vision/computes/k8s-gpu' };
        const direct = buildRoleRow('training', acrPull(), principal, {
            status: { state: 'granted', roleName: 'AcrPull', scope: registry, inherited: false },
        });
        assert.deepStrictEqual(direct.status, {
            state: 'granted',
            inherited: false,
            grantedAt: registry,
            grantedAtLabel: 'Container registry crvisiondev',
            viaRole: 'AcrPull',
        });
        assert.strictEqual(direct.canAssign, false);
        assert.strictEqual(direct.cannotAssignReason, undefined);
        const inherited = buildRoleRow('training', acrPull(), principal, {
            status: { state: 'granted', roleName: 'Owner', scope: rg, inherited: true },
        });
        assert.deepStrictEqual(inherited.status, {
            state: 'granted',
            inherited: true,
            grantedAt: rg,
            grantedAtLabel: 'resource group rg-ml-dev',
            viaRole: 'Owner',
        });
        assert.strictEqual(scopeLabel(`/subscriptions/${sub}`), `subscription ${sub}`);
    });

    it('a missing row offers Assign only when the user may write role assignments, otherwise says who can', () => {
        const principal = { principalId, name: 'ws-vision/computes/k8s-gpu' };
        const allowed = buildRoleRow('training', acrPull(), principal, {
            status: { state: 'missing' },
            canWrite: true,
        });
        assert.strictEqual(allowed.canAssign, true);
        assert.strictEqual(allowed.cannotAssignReason, undefined);
        assert.strictEqual(
            allowed.azCommand,
            `az role assignment create --assignee-object-id ${principalId} --assignee-principal-type ServicePrincipal --role "AcrPull" --scope ${registry}`,
        );
        assert.strictEqual(allowed.id, rowId('training', acrPull()));
        assert.strictEqual(allowed.principalName, 'ws-vision/computes/k8s-gpu');

        const denied = buildRoleRow('training', acrPull(), principal, {
            status: { state: 'missing' },
            canWrite: false,
        });
        assert.strictEqual(denied.canAssign, false);
        assert.ok(denied.cannotAssignReason?.startsWith(whoCanAssign), denied.cannotAssignReason);
        assert.match(
            denied.cannotAssignReason ?? '',
            /Owner, User Access Administrator or Role Based Access Control Administrator/,
        );
        assert.ok(denied.azCommand, 'the command is still offered');
    });

    it('an unknown row keeps its reason; a checking row has no actions yet', () => {
        const principal = { principalId, name: 'p' };
        const unknown = buildRoleRow('training', acrPull(), principal, {
            status: {
                state: 'unknown',
                reason: 'You may not read role assignments on this scope (AuthorizationFailed).',
            },
            canWrite: true,
        });
        assert.deepStrictEqual(unknown.status, {
            state: 'unknown',
            reason: 'You may not read role assignments on this scope (AuthorizationFailed).',
        });
        assert.strictEqual(unknown.canAssign, false);
        const checking = buildRoleRow('training', acrPull(), principal, {});
        assert.deepStrictEqual(checking.status, { state: 'checking' });
        assert.strictEqual(checking.canAssign, false);
    });

    it('never offers to assign Owner, Contributor or User Access Administrator', () => {
        const owner: RoleRequirement = {
            role: builtInRoles.owner,
            scope: registry,
            scopeLabel: 'r',
            source: 'training',
        };
        const row = buildRoleRow(
            'training',
            owner,
            { principalId, name: 'p' },
            { status: { state: 'missing' }, canWrite: true },
        );
        assert.strictEqual(row.canAssign, false);
        assert.match(row.cannotAssignReason ?? '', /never grants Owner/);
    });

    it('without a principal id or a scope there is no command and no Assign', () => {
        const noPrincipal = buildRoleRow(
            'training',
            acrPull(),
            { name: 'id-training', identityId: uaiId },
            { status: { state: 'missing' }, canWrite: true },
        );
        assert.strictEqual(noPrincipal.canAssign, false);
        assert.strictEqual(noPrincipal.azCommand, undefined);
        const [reader, relay] = workspaceIdentityRequirements({
            id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc`,
            kind: 'arc',
        });
        assert.strictEqual(reader.role.name, 'Reader');
        const relayRow = buildRoleRow(
            'prerequisite',
            relay,
            { principalId, name: 'id-ws' },
            { status: { state: 'unknown', reason: 'no relay' } },
        );
        assert.strictEqual(relayRow.scopeId, undefined);
        assert.strictEqual(relayRow.azCommand, undefined);
        assert.strictEqual(relayRow.section, 'prerequisite');
        assert.ok(relayRow.id.startsWith(`prerequisite|${defaultWorld.roles.relayOwner.id}`), relayRow.id);
    });

    it('each prerequisite row says which documentation lists it and what fails without it', () => {
        const principal = { principalId, name: 'id-ws-nlp' };
        const aks = defaultWorld.clusters.aksGpuDev.id;
        const purposes = workspaceIdentityRequirements({ id: aks, kind: 'aks', trustedAccess: true }).map((r) => [
            r.role.name,
            buildRoleRow('prerequisite', r, principal, { status: { state: 'missing' } }).purpose,
        ]);
        assert.deepStrictEqual(purposes, [
            ['Reader', 'Attach prerequisite: without it the cluster cannot be read'],
            ['Kubernetes Extension Contributor', 'Newer documentation: without it, "extension not installed"'],
            [
                'Azure Kubernetes Service Cluster Admin Role',
                'Newer documentation: without it, an internal server error ("AKS role check failed")',
            ],
            ['Contributor', 'Newer documentation, for Trusted Access: without it Azure ML cannot reach the cluster'],
        ]);
    });
});
