/**
 * Admin surface (no token, loopback only) under /_emulator/, and the same operations as typed in-process helpers.
 *
 *   GET  /_emulator/faults                 -> current fault config with per-rule matched/applied counters
 *   PUT  /_emulator/faults                 <- FaultConfig (replaces all rules, fixture rules included)
 *   POST /_emulator/reset                  -> back to the fixture world and start-up faults
 *   PUT  /_emulator/resources              <- one raw ARM resource (with "id") or an array; upserted as-is
 *   DELETE /_emulator/resources?id=<armId> -> removes it (and its child/extension resources)
 *   PUT  /_emulator/namespaces?clusterId=  <- ["default", ...] namespaces of a cluster (runCommand)
 *   PUT  /_emulator/podIssues?clusterId=   <- [{ component, reason, message, ... }] unhealthy AzureML pods of a cluster
 *   GET  /_emulator/state                  -> the whole world (resources, operations, ...)
 *   GET  /_emulator/requests               -> request log entries;  DELETE clears the in-memory copy
 *   GET/PUT /_emulator/options             -> tunables { provisioningDelayMs, runCommandDelayMs, pageSize, tokenLifetimeSeconds, retryAfterSeconds, latencyMs, resourceGraph }
 *   POST /_emulator/token                  <- { lifetimeSeconds?, audience? } -> { access_token } for the service principal
 *   DELETE /_emulator/clientSecret         -> revokes the service principal's secret (reset restores it)
 *   PUT  /_emulator/tenantPolicy?tenantId= <- { requiresMfa } Conditional Access asks for MFA in that tenant (reset restores the fixture's)
 *   GET/PUT /_emulator/instanceTypes|nodes?clusterId= -> a cluster's InstanceType resources and nodes (adminClusters.ts)
 */

import { createClusterAdmin, handleClusterAdmin, type ClusterAdmin } from './adminClusters';
import { parseResourceGraphMode, type Emulator, type TunableOptions } from './emulator';
import { issueToken } from './entra';
import type { FaultConfig, FaultStatus } from './faults';
import { armError, isObject, parseJsonBody, queryParam, send, type Ctx } from './http';
import type { RequestLogEntry } from './requestLog';
import type { ArmResource, Json, PodIssue } from './model';

export interface EmulatorAdmin extends ClusterAdmin {
    setFaults(config: FaultConfig): void;
    getFaults(): FaultStatus;
    reset(): void;
    upsertResource(resource: Json): ArmResource;
    deleteResource(id: string): boolean;
    getResource(id: string): ArmResource | undefined;
    setNamespaces(clusterId: string, namespaces: string[]): void;
    /** Makes the AzureML extension pods of these components unhealthy on the cluster ([] heals them; reset restores the fixture's). */
    setPodIssues(clusterId: string, issues: PodIssue[]): void;
    state(): Json;
    requests(): RequestLogEntry[];
    clearRequests(): void;
    setOptions(options: Partial<TunableOptions>): TunableOptions;
    /** A token for the service principal; a negative lifetime gives an expired one. */
    issueToken(options?: { lifetimeSeconds?: number; audience?: string }): string;
    /**
     * Revokes the service principal's client secret, as deleting it in Entra does: the token endpoint then answers
     * 401 invalid_client AADSTS7000215; access tokens already issued stay valid until they expire. Reset restores it.
     */
    revokeClientSecret(): void;
    /**
     * Conditional Access in a tenant: with `requiresMfa`, a refresh token from a sign-in without MFA is refused there
     * (400 interaction_required, AADSTS50076), so a silent token fails until the person signs in to that tenant
     * interactively. Reset restores the fixture's policy.
     */
    setTenantPolicy(tenantId: string, policy: { requiresMfa: boolean }): void;
}

/**
 * Adds a fault rule that answers Resource Graph as a cloud without it does (404 InvalidResourceNamespace), keeping
 * the other rules; `reset()` takes it away again (unlike the `resourceGraph` option, which outlives a reset).
 */
export function refuseResourceGraph(admin: EmulatorAdmin): void {
    const current = admin.getFaults();
    admin.setFaults({
        seed: current.seed,
        latencyMs: current.latencyMs,
        rules: [
            ...current.rules.map(({ matched: _matched, applied: _applied, ...rule }) => rule),
            {
                name: 'no-resource-graph',
                path: '^/providers/Microsoft\\.ResourceGraph/',
                status: 404,
                code: 'InvalidResourceNamespace',
                message: "The resource namespace 'Microsoft.ResourceGraph' is invalid.",
            },
        ],
    });
}

export function createAdmin(em: Emulator): EmulatorAdmin {
    return {
        ...createClusterAdmin(em),
        setFaults: (config) => em.faults.set(config),
        getFaults: () => em.faults.get(),
        reset: () => em.reset(),
        upsertResource: (resource) => em.state.upsert(resource),
        deleteResource: (id) => em.state.delete(id),
        getResource: (id) => em.state.get(id),
        setNamespaces: (clusterId, namespaces) => {
            em.state.namespaces.set(clusterId.toLowerCase(), [...namespaces]);
        },
        setPodIssues: (clusterId, issues) => {
            em.state.podIssues.set(clusterId.toLowerCase(), issues);
        },
        state: () => em.state.snapshot(),
        requests: () => em.log.all(),
        clearRequests: () => em.log.clear(),
        setOptions: (options) => {
            for (const [k, v] of Object.entries(options)) {
                if (k === 'resourceGraph') {
                    em.tunables.resourceGraph = parseResourceGraphMode(v);
                } else if (k in em.tunables && typeof v === 'number' && Number.isFinite(v)) {
                    (em.tunables as unknown as Record<string, number>)[k] = v;
                }
            }
            return { ...em.tunables };
        },
        issueToken: (options = {}) => issueToken(em, options.audience ?? `${em.url}/`, options.lifetimeSeconds),
        revokeClientSecret: () => {
            em.state.clientSecretRevoked = true;
        },
        setTenantPolicy: (tenantId, policy) => em.state.directory.setRequiresMfa(tenantId, policy.requiresMfa),
    };
}

function isLoopback(address: string | undefined): boolean {
    return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** Handles /_emulator/*; returns false for other paths. */
export function handleAdmin(em: Emulator, admin: EmulatorAdmin, ctx: Ctx): boolean {
    const m = /^\/_emulator(?:\/([\w-]+))?$/.exec(ctx.path);
    if (!m) {
        return false;
    }
    if (!isLoopback(ctx.req.socket.remoteAddress)) {
        armError(ctx, 403, 'Forbidden', 'The emulator admin API is available from loopback only.');
        return true;
    }
    const route = `${ctx.method} ${m[1] ?? ''}`;
    const body = parseJsonBody(ctx);
    if (!body.ok) {
        armError(ctx, 400, 'InvalidRequestContent', 'The request body is not valid JSON.');
        return true;
    }
    try {
        if (handleClusterAdmin(admin, ctx, route, body.value)) {
            return true;
        }
        switch (route) {
            case 'GET faults':
                send(ctx, 200, admin.getFaults());
                return true;
            case 'PUT faults':
                admin.setFaults((body.value ?? {}) as FaultConfig);
                send(ctx, 200, admin.getFaults());
                return true;
            case 'POST reset':
                admin.reset();
                send(ctx, 200, { reset: true });
                return true;
            case 'PUT resources': {
                const items = Array.isArray(body.value) ? body.value : [body.value];
                if (!items.every(isObject)) {
                    armError(
                        ctx,
                        400,
                        'InvalidRequestContent',
                        'Expected a resource object (with "id") or an array of them.',
                    );
                    return true;
                }
                send(ctx, 200, { value: items.map((r) => admin.upsertResource(r)) });
                return true;
            }
            case 'DELETE resources': {
                const id = queryParam(ctx, 'id');
                if (!id) {
                    armError(ctx, 400, 'MissingParameter', 'The "id" query parameter is required.');
                    return true;
                }
                const deleted = admin.deleteResource(id);
                send(ctx, deleted ? 200 : 404, { deleted });
                return true;
            }
            case 'PUT namespaces': {
                const clusterId = queryParam(ctx, 'clusterId');
                if (!clusterId || !Array.isArray(body.value)) {
                    armError(
                        ctx,
                        400,
                        'InvalidRequestContent',
                        'Expected ?clusterId=<armId> and a JSON array of namespace names.',
                    );
                    return true;
                }
                admin.setNamespaces(clusterId, body.value.map(String));
                send(ctx, 200, { clusterId, namespaces: body.value });
                return true;
            }
            case 'PUT podIssues': {
                const clusterId = queryParam(ctx, 'clusterId');
                if (!clusterId || !Array.isArray(body.value) || !body.value.every(isObject)) {
                    armError(
                        ctx,
                        400,
                        'InvalidRequestContent',
                        'Expected ?clusterId=<armId> and a JSON array of pod issues.',
                    );
                    return true;
                }
                admin.setPodIssues(clusterId, body.value as unknown as PodIssue[]);
                send(ctx, 200, { clusterId, podIssues: body.value });
                return true;
            }
            case 'GET state':
                send(ctx, 200, admin.state());
                return true;
            case 'GET requests':
                send(ctx, 200, { value: admin.requests() });
                return true;
            case 'DELETE requests':
                admin.clearRequests();
                send(ctx, 204);
                return true;
            case 'GET options':
                send(ctx, 200, { ...em.tunables });
                return true;
            case 'PUT options':
                send(ctx, 200, admin.setOptions((body.value ?? {}) as Partial<TunableOptions>));
                return true;
            case 'POST token': {
                const opts = (isObject(body.value) ? body.value : {}) as {
                    lifetimeSeconds?: number;
                    audience?: string;
                };
                send(ctx, 200, { token_type: 'Bearer', access_token: admin.issueToken(opts) });
                return true;
            }
            case 'PUT tenantPolicy': {
                const tenantId = queryParam(ctx, 'tenantId');
                const policy = isObject(body.value) ? body.value : {};
                if (!tenantId || typeof policy.requiresMfa !== 'boolean') {
                    armError(
                        ctx,
                        400,
                        'InvalidRequestContent',
                        'Expected ?tenantId=<id> and { "requiresMfa": true|false }.',
                    );
                    return true;
                }
                admin.setTenantPolicy(tenantId, { requiresMfa: policy.requiresMfa });
                send(ctx, 200, { tenantId, requiresMfa: policy.requiresMfa });
                return true;
            }
            case 'DELETE clientSecret':
                admin.revokeClientSecret();
                send(ctx, 200, { clientSecretRevoked: true });
                return true;
            default:
                armError(ctx, 404, 'NotFound', `Unknown admin route '${route.trim()}'.`);
                return true;
        }
    } catch (e) {
        armError(ctx, 400, 'BadRequest', e instanceof Error ? e.message : String(e));
        return true;
    }
}
