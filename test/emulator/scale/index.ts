/**
 * The scale world of the benchmark: by default 200 subscriptions, 1,000 workspaces, 1,000 clusters (half AKS, half
 * Arc, every one with the AzureML extension Succeeded) and 5,000 Kubernetes computes. Deterministic: the same options
 * give the same ids, names and GUIDs every time. Same tenant and service principal as `fixtures/default.json`, so the
 * emulator's usual settings and credentials work; the principal is Owner on every subscription.
 *
 * Shapes copy the default fixture's resources (workspace, managed/connected cluster, AzureML extension with the Arc
 * relay settings, relay namespace + hybrid connection, Kubernetes compute) so the extension maps them as it maps those.
 *
 * Layout per subscription `s` (4-digit, from 0001): resource groups `rg-ml-s` (workspaces, storage accounts,
 * registries), `rg-k8s-s` (clusters, Arc relays) and `rg-identities-s` (user-assigned identities). Names are global:
 * `ws-0001`…, `aks-0001`…/`arc-0001`…, `k8s-0001`…. Every 5th workspace has a user-assigned identity (with Reader and
 * Azure Relay Owner on the resource groups of the clusters its computes attach); every 10th compute attaches a cluster
 * of the next subscription; every 4th compute has a user-assigned identity, every 4th (offset 1) a system-assigned
 * one; every 250th compute is Failed.
 */

import { builtInRole } from '../builtinRoles';
import { loadFixture } from '../fixture';
import type { Fixture, FixtureRoleAssignment, Json } from '../model';
import { clusterResources, computeResource, extensionResource } from './clusterResources';
import { guid, kinds, pad, type ClusterPlan } from './shared';
import { registryResource, storageResource, uaiResource, workspaceResource } from './workspaceResources';

export interface ScaleOptions {
    /** Default 200. */
    subscriptions?: number;
    /** Default 5. */
    workspacesPerSubscription?: number;
    /** Default 5; alternately AKS and Arc (globally), so half and half. */
    clustersPerSubscription?: number;
    /** Default 5 (Kubernetes computes). */
    computesPerWorkspace?: number;
}

const regions = ['eastus', 'eastus2', 'westeurope', 'northeurope', 'westus2'];
const roles = {
    owner: builtInRole('Owner').name,
    reader: builtInRole('Reader').name,
    relayOwner: builtInRole('Azure Relay Owner').name,
};

export function scaleFixture(options: ScaleOptions = {}): Fixture {
    const subscriptionCount = options.subscriptions ?? 200;
    const workspacesPerSub = options.workspacesPerSubscription ?? 5;
    const clustersPerSub = options.clustersPerSubscription ?? 5;
    const computesPerWs = options.computesPerWorkspace ?? 5;
    const base = loadFixture(undefined);
    const tenantId = base.tenant.tenantId;
    const sp = base.servicePrincipal;

    const subscriptions: Fixture['subscriptions'] = [];
    const resourceGroups: NonNullable<Fixture['resourceGroups']> = [];
    const roleAssignments: FixtureRoleAssignment[] = [];
    const assignmentKeys = new Set<string>();
    const assign = (scope: string, role: string, principalId: string, description?: string): void => {
        const key = `${scope}|${role}|${principalId}`.toLowerCase();
        if (assignmentKeys.has(key)) {
            return;
        }
        assignmentKeys.add(key);
        roleAssignments.push({
            name: guid(kinds.roleAssignment, roleAssignments.length + 1),
            scope,
            roleDefinitionId: role,
            principalId,
            principalType: 'ServicePrincipal',
            description,
        });
    };
    const workspaces: Json[] = [];
    const dependencies: Json[] = [];
    const clusters: Json[] = [];
    const extensions: Json[] = [];
    const computes: Json[] = [];
    const clusterPlans: ClusterPlan[][] = [];

    // Subscriptions, resource groups and clusters first: computes may attach a cluster of the next subscription.
    let aksCount = 0;
    let arcCount = 0;
    let clusterCount = 0;
    for (let s = 1; s <= subscriptionCount; s++) {
        const subscriptionId = guid(kinds.subscription, s);
        const region = regions[(s - 1) % regions.length];
        const stage = ['dev', 'test', 'prod'][(s - 1) % 3];
        subscriptions.push({
            subscriptionId,
            displayName: `ML Scale ${pad(s)} (${stage})`,
            tags: { costCenter: `cc-${pad(100 + (s % 37), 3)}`, stage },
        });
        assign(
            `/subscriptions/${subscriptionId}`,
            roles.owner,
            sp.objectId,
            `Emulator service principal: Owner on ML Scale ${pad(s)}`,
        );
        const rg = (name: string): string => `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
        resourceGroups.push(
            { subscriptionId, name: `rg-ml-${pad(s)}`, location: region },
            { subscriptionId, name: `rg-k8s-${pad(s)}`, location: region },
            { subscriptionId, name: `rg-identities-${pad(s)}`, location: region },
        );
        const plans: ClusterPlan[] = [];
        for (let c = 0; c < clustersPerSub; c++) {
            clusterCount++;
            const kind = clusterCount % 2 === 1 ? 'aks' : 'arc';
            const n = kind === 'aks' ? ++aksCount : ++arcCount;
            const name = `${kind}-${pad(n)}`;
            const resourceGroup = `rg-k8s-${pad(s)}`;
            const plan: ClusterPlan = {
                id:
                    kind === 'aks'
                        ? `${rg(resourceGroup)}/providers/Microsoft.ContainerService/managedClusters/${name}`
                        : `${rg(resourceGroup)}/providers/Microsoft.Kubernetes/connectedClusters/${name}`,
                name,
                kind,
                subscriptionId,
                resourceGroup,
                location: region,
                namespaces: new Set(
                    kind === 'aks'
                        ? ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'azureml']
                        : ['default', 'kube-public', 'kube-system', 'azureml'],
                ),
            };
            if (kind === 'arc') {
                plan.relayNamespace = `azmlrly-${name}`;
                plan.relayId = `${rg(resourceGroup)}/providers/Microsoft.Relay/namespaces/${plan.relayNamespace}/hybridConnections/${name}`;
            }
            plans.push(plan);
            clusters.push(...clusterResources(plan, clusterCount, tenantId));
            extensions.push(extensionResource(plan, clusterCount, tenantId));
        }
        clusterPlans.push(plans);
    }

    let workspaceCount = 0;
    let computeCount = 0;
    for (let s = 1; s <= subscriptionCount; s++) {
        const sub = subscriptions[s - 1];
        const subscriptionId = sub.subscriptionId;
        const region = regions[(s - 1) % regions.length];
        const rg = (name: string): string => `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
        const computeUai = {
            id: `${rg(`rg-identities-${pad(s)}`)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-compute-${pad(s)}`,
            principalId: guid(kinds.uaiPrincipal, 100000 + s),
            clientId: guid(kinds.uaiClient, 100000 + s),
        };
        dependencies.push(uaiResource(computeUai, region, tenantId));
        for (let w = 0; w < workspacesPerSub; w++) {
            const wn = ++workspaceCount;
            const name = `ws-${pad(wn)}`;
            const location = wn % 4 === 0 ? regions[wn % regions.length] : region;
            const mlRg = `rg-ml-${pad(s)}`;
            const id = `${rg(mlRg)}/providers/Microsoft.MachineLearningServices/workspaces/${name}`;
            const storageId = `${rg(mlRg)}/providers/Microsoft.Storage/storageAccounts/stws${pad(wn)}`;
            const registryId = `${rg(mlRg)}/providers/Microsoft.ContainerRegistry/registries/crws${pad(wn)}`;
            dependencies.push(storageResource(storageId, location), registryResource(registryId, location));
            const uai =
                wn % 5 === 0
                    ? {
                          id: `${rg(`rg-identities-${pad(s)}`)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${name}`,
                          principalId: guid(kinds.uaiPrincipal, wn),
                          clientId: guid(kinds.uaiClient, wn),
                      }
                    : undefined;
            if (uai) {
                dependencies.push(uaiResource(uai, location, tenantId));
            }
            workspaces.push(workspaceResource({ id, name, wn, s, location, tenantId, storageId, registryId, uai }));
            for (let c = 0; c < computesPerWs; c++) {
                const cn = ++computeCount;
                const crossSubscription = cn % 10 === 0 && subscriptionCount > 1;
                const plans = clusterPlans[crossSubscription ? s % subscriptionCount : s - 1];
                if (plans.length === 0) {
                    continue;
                }
                const cluster = plans[(w * computesPerWs + c) % plans.length];
                const namespace = cn % 7 === 0 ? 'default' : name;
                cluster.namespaces.add(namespace);
                if (uai) {
                    const clusterRg = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}`;
                    assign(clusterRg, roles.reader, uai.principalId);
                    if (cluster.kind === 'arc') {
                        assign(clusterRg, roles.relayOwner, uai.principalId);
                    }
                }
                computes.push(
                    computeResource({
                        workspaceId: id,
                        name: `k8s-${pad(cn)}`,
                        cn,
                        location,
                        tenantId,
                        cluster,
                        namespace,
                        computeUai,
                    }),
                );
            }
        }
    }

    const namespaces: Record<string, string[]> = {};
    for (const plan of clusterPlans.flat()) {
        namespaces[plan.id] = [...plan.namespaces];
    }
    return {
        tenant: base.tenant,
        servicePrincipal: base.servicePrincipal,
        principals: [],
        subscriptions,
        resourceGroups,
        roleDefinitions: [],
        roleAssignments,
        // Containers before their contents, as in the default fixture.
        resources: [...dependencies, ...workspaces, ...clusters, ...extensions, ...computes],
        namespaces,
    };
}
