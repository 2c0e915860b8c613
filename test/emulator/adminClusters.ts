/**
 * Admin routes over what is inside a cluster (no token, loopback only), for tests to read and set:
 *
 *   GET  /_emulator/instanceTypes?clusterId=  -> the cluster's InstanceType resources (as `kubectl get -o json` items)
 *   PUT  /_emulator/instanceTypes?clusterId=  <- [{ metadata: { name }, spec }] replaces them ([] leaves the built-in default)
 *   GET  /_emulator/nodes?clusterId=          -> the cluster's nodes (core/v1 Node)
 *   PUT  /_emulator/nodes?clusterId=          <- [Node, ...] replaces them; null goes back to those its properties give
 */

import { clusterNodes, type KubeNode } from './clusterNodes';
import type { Emulator } from './emulator';
import { armError, isObject, queryParam, send, type Ctx } from './http';
import { clusterInstanceTypes, setClusterInstanceTypes, storedInstanceType } from './instanceTypes';
import type { InstanceTypeResource, Json } from './model';

export interface ClusterAdmin {
    /** The cluster's InstanceType resources, by name (the built-in default is none of them). */
    instanceTypes(clusterId: string): InstanceTypeResource[];
    /** Replaces the cluster's InstanceType resources (`{ metadata: { name }, spec }` each; not validated). */
    setInstanceTypes(clusterId: string, items: Json[]): void;
    /** The cluster's nodes: set ones, else those its agent pools (AKS) or node and core counts (Arc) give. */
    nodes(clusterId: string): KubeNode[];
    /** Replaces the cluster's nodes; undefined goes back to those its properties give. */
    setNodes(clusterId: string, nodes: KubeNode[] | undefined): void;
}

export function createClusterAdmin(em: Emulator): ClusterAdmin {
    return {
        instanceTypes: (clusterId) => clusterInstanceTypes(em, clusterId),
        setInstanceTypes: (clusterId, items) =>
            setClusterInstanceTypes(
                em,
                clusterId,
                items.map((i) => storedInstanceType(i, new Date().toISOString().replace(/\.\d+Z$/, 'Z'))),
            ),
        nodes: (clusterId) => clusterNodes(em, clusterId),
        setNodes: (clusterId, nodes) => {
            if (nodes) {
                em.state.nodes.set(clusterId.toLowerCase(), nodes);
            } else {
                em.state.nodes.delete(clusterId.toLowerCase());
            }
        },
    };
}

/** Handles the routes above; false for other routes. */
export function handleClusterAdmin(admin: ClusterAdmin, ctx: Ctx, route: string, body: unknown): boolean {
    const [method, name] = route.split(' ');
    if (name !== 'instanceTypes' && name !== 'nodes') {
        return false;
    }
    const clusterId = queryParam(ctx, 'clusterId');
    if (!clusterId) {
        armError(ctx, 400, 'MissingParameter', 'The "clusterId" query parameter is required.');
        return true;
    }
    if (method === 'GET') {
        send(ctx, 200, { value: name === 'nodes' ? admin.nodes(clusterId) : admin.instanceTypes(clusterId) });
        return true;
    }
    const list = Array.isArray(body) && body.every(isObject) ? body : undefined;
    if (method !== 'PUT' || (!list && !(name === 'nodes' && body === null))) {
        armError(ctx, 400, 'InvalidRequestContent', `Expected PUT ?clusterId=<armId> with a JSON array of ${name}.`);
        return true;
    }
    if (name === 'nodes') {
        admin.setNodes(clusterId, list as KubeNode[] | undefined);
    } else {
        admin.setInstanceTypes(clusterId, list ?? []);
    }
    send(ctx, 200, { value: name === 'nodes' ? admin.nodes(clusterId) : admin.instanceTypes(clusterId) });
    return true;
}
