import * as assert from 'assert';
import type { Localize } from '../../src/azure/errors';
import { toCluster, toWorkspace } from '../../src/azure/mappers';
import type { PreflightCheck } from '../../src/azure/preflight';
import { toTrustedAccessBinding } from '../../src/azure/trustedAccess';
import { describeCheck } from '../../src/commands/attachCluster/describeCheck';
import { limitSummary } from '../../src/commands/attachCluster/limitText';
import { blockerFix, isBlocker, preflightPlan } from '../../src/commands/attachCluster/preflightPlan';
import { azArcRouteCommands, azTrustedAccessBindingCommand } from '../../src/domain/azCommands';
import {
    attachedBeforeBinding,
    clusterLimits,
    mlWorkloadBindingFor,
    mlWorkloadRole,
    needsTrustedAccess,
    privateEndpointIdentityConflict,
    trustedAccessBindingName,
} from '../../src/domain/clusterLimits';
import type { ClusterInfo, TrustedAccessBindingInfo } from '../../src/domain/models';
import { workspaceIdentityRequirements } from '../../src/domain/roleRequirements';
import { builtInRoles } from '../../src/domain/roles';

const t: Localize = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

const devSub = '11111111-1111-4111-8111-111111111111';
const researchSub = '44444444-4444-4444-8444-444444444444';
const workspaceId = `/subscriptions/${devSub}/resourceGroups/rg-ml-dev/providers/Microsoft.MachineLearningServices/workspaces/ws-vision`;
const aksId = (sub: string, name: string) =>
    `/subscriptions/${sub}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`;
const arcId = `/subscriptions/${researchSub}/resourceGroups/rg-arc/providers/Microsoft.Kubernetes/connectedClusters/arc-1`;
const installed = { status: 'installed', name: 'azureml' } as const;

function aks(sub: string, shape: Parameters<typeof toCluster>[1] = {}): ClusterInfo {
    const id = aksId(sub, 'aks-1');
    return toCluster('aks', { id, name: 'aks-1', location: 'eastus', ...shape }, installed)!;
}

describe('documented cluster limits', () => {
    it('reads how an AKS cluster signs in: "msi" or a cluster identity is a managed identity, a client id is not', () => {
        assert.strictEqual(
            aks(devSub, { servicePrincipalProfile: { clientId: 'msi' } }).aksIdentity,
            'managedIdentity',
        );
        assert.strictEqual(aks(devSub, { identity: { type: 'SystemAssigned' } }).aksIdentity, 'managedIdentity');
        assert.strictEqual(
            aks(devSub, { servicePrincipalProfile: { clientId: '0d6ad1c4-7e4b-4c5f-9b1e-2a7f4c0c9d11' } }).aksIdentity,
            'servicePrincipal',
        );
        assert.strictEqual(aks(devSub, { disableLocalAccounts: true }).localAccountsDisabled, true);
        const arc = toCluster('arc', { id: arcId }, installed)!;
        assert.strictEqual(arc.aksIdentity, undefined);
        assert.strictEqual(arc.localAccountsDisabled, undefined);
    });

    it('an AKS cluster outside the workspace subscription is not supported; an Arc cluster there is', () => {
        assert.deepStrictEqual(clusterLimits(aks(researchSub), devSub), [
            { kind: 'aksOtherSubscription', workspaceSubscriptionId: devSub },
        ]);
        assert.deepStrictEqual(clusterLimits(aks(devSub.toUpperCase()), devSub), []);
        assert.deepStrictEqual(clusterLimits(toCluster('arc', { id: arcId }, installed)!, devSub), []);
    });

    it('a service principal cluster is not supported; local accounts disabled only where Trusted Access is missing', () => {
        const sp = aks(devSub, { servicePrincipalProfile: { clientId: 'b7c1b0a0-1111-4111-8111-000000000001' } });
        assert.deepStrictEqual(clusterLimits(sp, devSub), [{ kind: 'aksServicePrincipal' }]);
        const localOff = aks(devSub, { servicePrincipalProfile: { clientId: 'msi' }, disableLocalAccounts: true });
        assert.deepStrictEqual(clusterLimits(localOff, devSub, 'AzureCloud'), []);
        assert.ok(needsTrustedAccess(localOff));
        assert.deepStrictEqual(clusterLimits(localOff, devSub, 'AzureUSGovernment'), [
            { kind: 'trustedAccessUnavailable', cloudName: 'AzureUSGovernment' },
        ]);
        assert.ok(!needsTrustedAccess(aks(devSub)));
    });

    it('finds the workspace binding by source (any case) and mlworkload role, and not a failed one', () => {
        const binding = (over: Partial<TrustedAccessBindingInfo>): TrustedAccessBindingInfo => ({
            id: `${aksId(devSub, 'aks-1')}/trustedAccessRoleBindings/b`,
            name: 'b',
            sourceResourceId: workspaceId.toUpperCase(),
            roles: [mlWorkloadRole],
            provisioningState: 'Succeeded',
            ...over,
        });
        assert.ok(mlWorkloadBindingFor([binding({})], workspaceId));
        assert.strictEqual(
            mlWorkloadBindingFor(
                [binding({ roles: ['Microsoft.MachineLearningServices/workspaces/inference-v1'] })],
                workspaceId,
            ),
            undefined,
        );
        assert.strictEqual(mlWorkloadBindingFor([binding({ provisioningState: 'Failed' })], workspaceId), undefined);
        assert.strictEqual(
            mlWorkloadBindingFor([binding({ sourceResourceId: `${workspaceId}-2` })], workspaceId),
            undefined,
        );
    });

    it('a compute made before its binding needs a re-attach; one made after does not', () => {
        const bindingAt = { createdOn: new Date('2026-11-02T10:00:00Z') };
        assert.ok(attachedBeforeBinding({ createdOn: new Date('2026-11-01T10:00:00Z') }, bindingAt));
        assert.ok(!attachedBeforeBinding({ createdOn: new Date('2026-11-03T10:00:00Z') }, bindingAt));
        assert.ok(attachedBeforeBinding({ createdOn: new Date() }, undefined));
    });

    it('names a binding after the workspace within 24 characters, avoiding names taken on the cluster', () => {
        assert.strictEqual(trustedAccessBindingName({ name: 'ws-vision' }), 'aml-ws-vision');
        const long = trustedAccessBindingName({ name: 'a-very-long-workspace_name-indeed' });
        assert.ok(long.length <= 24 && /^[A-Za-z0-9-]+$/.test(long), long);
        assert.strictEqual(trustedAccessBindingName({ name: 'ws-vision' }, ['AML-ws-vision']), 'aml-ws-vision-2');
    });

    it('maps a binding with its creation time, and a workspace with private endpoint connections', () => {
        const mapped = toTrustedAccessBinding({
            id: `${aksId(devSub, 'aks-1')}/trustedAccessRoleBindings/aml-ws-vision`,
            sourceResourceId: workspaceId,
            roles: [mlWorkloadRole],
            systemData: { createdAt: '2026-11-02T10:00:00Z' },
        });
        assert.strictEqual(mapped?.name, 'aml-ws-vision');
        assert.strictEqual(mapped?.createdOn?.toISOString(), '2026-11-02T10:00:00.000Z');
        const ws = toWorkspace({ id: workspaceId, privateEndpointConnections: [{ id: 'pe' }] })!;
        assert.ok(privateEndpointIdentityConflict(ws, 'SystemAssigned'));
        assert.ok(privateEndpointIdentityConflict(ws, 'UserAssigned'));
        assert.ok(!privateEndpointIdentityConflict(ws, 'None'));
        assert.ok(!privateEndpointIdentityConflict(toWorkspace({ id: workspaceId })!, 'SystemAssigned'));
    });

    it('asks Contributor of a workspace identity on an AKS cluster with Trusted Access, with what its absence causes', () => {
        const plain = workspaceIdentityRequirements({ id: aksId(devSub, 'aks-1'), kind: 'aks' });
        const withTa = workspaceIdentityRequirements({ id: aksId(devSub, 'aks-1'), kind: 'aks', trustedAccess: true });
        assert.ok(!plain.some((r) => r.role.id === builtInRoles.contributor.id));
        const contributor = withTa.find((r) => r.role.id === builtInRoles.contributor.id);
        assert.strictEqual(contributor?.source, 'newerDocumentation');
        const row = describeCheck(
            {
                kind: 'role',
                state: 'failed',
                requirement: contributor,
                status: { state: 'missing' },
                principalId: 'p',
                identityName: 'id-ws',
                canGrant: false,
            },
            t,
        );
        assert.match(row.detail, /Trusted Access/);
    });
});

describe('the preflight and the cluster step on documented limits', () => {
    const limit = (kind: 'aksOtherSubscription' | 'aksServicePrincipal'): PreflightCheck => ({
        kind: 'limit',
        state: 'failed',
        limit: kind === 'aksOtherSubscription' ? { kind, workspaceSubscriptionId: devSub } : { kind },
        clusterName: 'aks-research',
        workspaceSubscriptionName: 'ML Platform Dev',
    });
    const trusted = (state: 'failed' | 'passed', canCreate: boolean): PreflightCheck => ({
        kind: 'trustedAccess',
        state,
        clusterName: 'aks-local-off',
        workspaceName: 'ws-vision',
        canCreate,
    });

    it('a limit blocks the attach; another subscription offers the Arc route first, a service principal the docs', () => {
        assert.ok(isBlocker(limit('aksOtherSubscription')));
        assert.strictEqual(blockerFix(limit('aksOtherSubscription')), 'copyArcRoute');
        assert.strictEqual(blockerFix(limit('aksServicePrincipal')), 'openLimitsDoc');
        const plan = preflightPlan([limit('aksOtherSubscription')]);
        assert.deepStrictEqual(plan.slice(0, 2), [
            { kind: 'heading', heading: 'blockers' },
            { kind: 'action', action: 'copyArcRoute' },
        ]);
        // The user may still go on, and see how the service answers.
        assert.ok(plan.some((e) => e.kind === 'action' && e.action === 'continue'));
        const row = describeCheck(limit('aksOtherSubscription'), t);
        assert.match(row.detail, /Connect it to Azure Arc in ML Platform Dev \(the workspace's\)/);
    });

    it('a missing binding is created here when the user may, else its command is copied', () => {
        assert.strictEqual(blockerFix(trusted('failed', true)), 'createBinding');
        assert.strictEqual(blockerFix(trusted('failed', false)), 'copyBindingCommand');
        assert.ok(!isBlocker(trusted('passed', false)));
        assert.match(describeCheck(trusted('failed', true), t).detail, /You may create it/);
    });

    it('spells out the Arc route and the binding command', () => {
        const commands = azArcRouteCommands(
            { id: aksId(researchSub, 'aks-research'), location: 'westeurope' },
            { subscriptionId: devSub, resourceGroup: 'rg-ml-dev' },
        );
        assert.match(
            commands[0],
            /^az aks get-credentials --resource-group rg-aks --name aks-research --subscription 4444/,
        );
        assert.match(
            commands[1],
            /az connectedk8s connect --name aks-research --resource-group rg-ml-dev --subscription 1111.* --location westeurope/,
        );
        assert.match(commands[2], /--cluster-type connectedClusters .*--resource-group rg-ml-dev --subscription 1111/);
        assert.match(
            azTrustedAccessBindingCommand(aksId(devSub, 'aks-1'), 'aml-ws-vision', workspaceId, mlWorkloadRole),
            /az aks trustedaccess rolebinding create .*--name aml-ws-vision --source-resource-id \S+ws-vision --roles Microsoft.MachineLearningServices\/workspaces\/mlworkload$/,
        );
        assert.match(
            limitSummary({ kind: 'aksOtherSubscription', workspaceSubscriptionId: devSub }, 'ML Platform Dev', t),
            /AKS outside ML Platform Dev/,
        );
    });
});
