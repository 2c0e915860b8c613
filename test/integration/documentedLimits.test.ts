import * as assert from 'assert';
import type { ComputeResource, Kubernetes } from '@azure/arm-machinelearning';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { clients, roles, startTestEmulator, sub1 } from './helpers';

const { vision, nlp, research } = defaultWorld.workspaces;
const isolated = defaultWorld.workspaces.private;
const { aksGpuDev, aksResearch, aksSpLegacy, aksLocalOff } = defaultWorld.clusters;
const mlWorkload = 'Microsoft.MachineLearningServices/workspaces/mlworkload';

function attachBody(clusterId: string, identity?: ComputeResource['identity']): ComputeResource {
    const properties: Kubernetes = {
        computeType: 'Kubernetes',
        resourceId: clusterId,
        properties: { namespace: 'default' },
    };
    return { location: 'eastus', identity, properties };
}

interface Outcome {
    state?: string;
    code?: string;
    message?: string;
}

describe('attaching what the Azure ML documentation does not support: the compute ends Failed with the documented text', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    /** PUTs the compute through the SDK, waits for the end of the long-running operation and reads the compute back. */
    async function attach(
        workspace: { resourceGroup: string; name: string; subscriptionId: string },
        compute: string,
        body: ComputeResource,
    ): Promise<Outcome> {
        const ml = clients(em, workspace.subscriptionId).ml;
        const poller = await ml.computeOperations.beginCreateOrUpdate(
            workspace.resourceGroup,
            workspace.name,
            compute,
            body,
        );
        await poller.pollUntilDone().catch(() => undefined);
        const read = await ml.computeOperations.get(workspace.resourceGroup, workspace.name, compute);
        const props = read.properties as {
            provisioningState?: string;
            provisioningErrors?: { error?: { code?: string; message?: string } }[];
        };
        const error = props.provisioningErrors?.[0]?.error;
        return { state: props.provisioningState, code: error?.code, message: error?.message };
    }

    async function bind(workspaceId: string, name: string): Promise<void> {
        await clients(em).aks.trustedAccessRoleBindings.createOrUpdate(
            aksLocalOff.resourceGroup,
            aksLocalOff.name,
            name,
            {
                sourceResourceId: workspaceId,
                roles: [mlWorkload],
            },
        );
    }

    it('AKS in another subscription than the workspace fails; the same cluster attaches to a workspace of its own subscription', async () => {
        const across = await attach(vision, 'research-aks', attachBody(aksResearch.id));
        assert.strictEqual(across.state, 'Failed');
        assert.strictEqual(across.code, 'CrossSubscriptionAksNotSupported');
        assert.match(across.message ?? '', /doesn't support attaching an AKS cluster cross subscription/);
        assert.match(across.message ?? '', /Connect the cluster to Azure Arc in the workspace's subscription/);

        assert.deepStrictEqual(await attach(research, 'research-aks', attachBody(aksResearch.id)), {
            state: 'Succeeded',
            code: undefined,
            message: undefined,
        });
    });

    it('AKS with a service principal fails; once the cluster uses a managed identity, attaching again succeeds', async () => {
        const legacy = await attach(vision, 'legacy', attachBody(aksSpLegacy.id));
        assert.deepStrictEqual([legacy.state, legacy.code], ['Failed', 'AksServicePrincipalNotSupported']);
        assert.match(
            legacy.message ?? '',
            /Using a service principal with AKS is not supported by Azure Machine Learning/,
        );
        assert.match(legacy.message ?? '', /must use a managed identity/);

        const cluster = await clients(em).aks.managedClusters.get(aksSpLegacy.resourceGroup, aksSpLegacy.name);
        const resources = em.admin.state().resources as { id: string; properties?: object }[];
        const stored = resources.find((r) => r.id === aksSpLegacy.id)!;
        em.admin.upsertResource({
            ...stored,
            identity: {
                type: 'SystemAssigned',
                principalId: 'b1c2d3e4-0007-4c00-8d00-0000000ab007',
                tenantId: em.tenantId,
            },
            properties: { ...stored.properties, servicePrincipalProfile: { clientId: 'msi' } },
        });
        assert.ok(cluster.servicePrincipalProfile?.clientId !== 'msi', 'it used a service principal before');
        assert.strictEqual((await attach(vision, 'legacy', attachBody(aksSpLegacy.id))).state, 'Succeeded');
    });

    it('a workspace behind a private endpoint: a system- or user-assigned compute identity fails, no identity succeeds', async () => {
        const system = await attach(isolated, 'pe-system', attachBody(aksGpuDev.id, { type: 'SystemAssigned' }));
        assert.deepStrictEqual(
            [system.state, system.code],
            ['Failed', 'ManagedIdentityNotSupportedWithPrivateEndpoint'],
        );
        assert.match(system.message ?? '', /managed identity .* not supported for a workspace with a private endpoint/);
        const user = await attach(
            isolated,
            'pe-user',
            attachBody(aksGpuDev.id, {
                type: 'UserAssigned',
                userAssignedIdentities: { [defaultWorld.identities.training.id]: {} },
            }),
        );
        assert.deepStrictEqual([user.state, user.code], ['Failed', 'ManagedIdentityNotSupportedWithPrivateEndpoint']);
        assert.strictEqual((await attach(isolated, 'pe-none', attachBody(aksGpuDev.id))).state, 'Succeeded');
    });

    it('local accounts disabled without the workspace’s mlworkload binding fails, and stays Failed after the binding until attached again', async () => {
        const before = await attach(vision, 'local-off', attachBody(aksLocalOff.id, { type: 'SystemAssigned' }));
        assert.deepStrictEqual([before.state, before.code], ['Failed', 'TrustedAccessRoleBindingNotFound']);
        assert.ok(
            before.message?.includes(`no '${mlWorkload}' role binding for workspace '${vision.id}'`),
            before.message,
        );

        await bind(nlp.id, 'ws-nlp');
        const otherWorkspace = await attach(vision, 'local-off-2', attachBody(aksLocalOff.id));
        assert.strictEqual(otherWorkspace.code, 'TrustedAccessRoleBindingNotFound', 'a binding is per workspace');

        await bind(vision.id, 'ws-vision');
        const ml = clients(em).ml;
        const stale = await ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'local-off');
        assert.strictEqual(
            (stale.properties as { provisioningState?: string }).provisioningState,
            'Failed',
            'attached before its binding',
        );

        const reattached = await attach(vision, 'local-off', attachBody(aksLocalOff.id, { type: 'SystemAssigned' }));
        assert.strictEqual(reattached.state, 'Succeeded');
    });

    it('with Trusted Access, a workspace user-assigned identity without Contributor on the cluster fails; with it, succeeds', async () => {
        await bind(nlp.id, 'ws-nlp');
        const missing = await attach(nlp, 'nlp-local-off', attachBody(aksLocalOff.id));
        assert.strictEqual(missing.state, 'Failed');
        assert.match(
            missing.message ?? '',
            /^AKS role check failed for user assigned identity\. Please check the role assignment\./,
        );
        assert.match(missing.message ?? '', /needs Contributor on cluster/);

        await clients(em).authorization.roleAssignments.create(
            aksLocalOff.id.slice(1),
            'a0a0a0a0-0000-4000-8000-00000000c001',
            {
                roleDefinitionId: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${roles.contributor}`,
                principalId: defaultWorld.identities.wsNlp.principalId,
                principalType: 'ServicePrincipal',
            },
        );
        assert.strictEqual((await attach(nlp, 'nlp-local-off', attachBody(aksLocalOff.id))).state, 'Succeeded');
    });
});
