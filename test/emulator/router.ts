/** Request pipeline: admin → faults/latency → Entra → ARM (authentication, api-version, provider dispatch) → log. */

import { connectionUse } from './connections';
import type { IncomingMessage, ServerResponse } from 'http';
import { handleAdmin, type EmulatorAdmin } from './admin';
import { checkApiVersion } from './apiVersions';
import { classifyArmPath } from './armPath';
import type { Emulator } from './emulator';
import { authenticateArm, checkSubscriptionTenant } from './armAuth';
import { handleEntra } from './entra';
import { defaultFaultCodes } from './faults';
import { armError, newCtx, send, type Ctx } from './http';
import { redactBody } from './requestLog';
import { handleAuthorization } from './providers/authorizationProvider';
import { handleContainerService } from './providers/containerService';
import { genericGet } from './providers/generic';
import { handleKubernetesConfiguration, settleExtensions } from './providers/kubernetesConfiguration';
import { handleExtensionTypeVersions } from './providers/kubernetesConfigurationTypes';
import { handleMachineLearning, settleOperations } from './providers/machineLearning';
import { handleMetadata } from './providers/metadata';
import { handleRelay, settleRelay } from './providers/relay';
import { handleResourceGraph, resourceGraphAbsent } from './providers/resourceGraph';
import { handleResources } from './providers/resources';
import { handleResourcesList, isResourcesListPath } from './providers/resourcesList';
import { subscriptionOfPath } from './rateLimits';
import { useVersionShapes } from './versionShapes';

const maxBody = 5 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBody) {
                reject(new Error('request body too large'));
                req.destroy();
                return;
            }
            chunks.push(chunk);
        });
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function portal(ctx: Ctx): void {
    const site = /^\/studio/i.test(ctx.path) ? 'Azure ML studio' : 'portal';
    const html = `<!doctype html><html><head><title>Azure Emulator ${site}</title></head><body><h1>Azure Emulator</h1><p>This is the ${site} stand-in of the local Azure emulator. Requested: <code>${ctx.path.replace(/[<>&"]/g, '')}</code></p></body></html>`;
    send(ctx, 200, html, { 'content-type': 'text/html; charset=utf-8' });
}

/** The namespace and type whose api-versions a request must use (Microsoft.Resources has two spec files). */
function versionedType(path: string, c: ReturnType<typeof classifyArmPath>): [string | undefined, string | undefined] {
    if (/^\/(tenants|subscriptions)$/i.test(path) || c?.kind === 'subscription' || c?.kind === 'root') {
        return ['Microsoft.Resources', 'Microsoft.Resources/subscriptions'];
    }
    if (/\/providers\/Microsoft\.KubernetesConfiguration\/(locations\/[^/]+\/)?extensionTypes(\/|$)/i.test(path)) {
        return ['Microsoft.KubernetesConfiguration', 'Microsoft.KubernetesConfiguration/extensionTypes'];
    }
    if (isResourcesListPath(path) || c?.kind === 'resourceGroups' || c?.kind === 'resourceGroup') {
        return ['Microsoft.Resources', 'Microsoft.Resources/resources'];
    }
    return [c?.namespace, c?.type];
}

function armDispatch(em: Emulator, ctx: Ctx): void {
    const c = classifyArmPath(ctx.path);
    const isTopLevel = /^\/(tenants|subscriptions)$/i.test(ctx.path);
    if (!c && !isTopLevel && !isResourcesListPath(ctx.path)) {
        armError(ctx, 404, 'NotFound', `The requested path '${ctx.path}' is not found.`);
        return;
    }
    if (!authenticateArm(em, ctx) || !checkSubscriptionTenant(em, ctx, c) || resourceGraphAbsent(em, ctx)) {
        return;
    }
    ctx.responseHeaders = em.rateLimits.headersFor(ctx, subscriptionOfPath(ctx.path));
    const [namespace, type] = versionedType(ctx.path, c);
    if (!checkApiVersion(ctx, namespace, type)) {
        return;
    }
    useVersionShapes(ctx, namespace, type);
    settleOperations(em);
    settleExtensions(em);
    settleRelay(em);
    if (
        handleResourcesList(em, ctx) ||
        handleResources(em, ctx, c) ||
        handleResourceGraph(em, ctx) ||
        handleAuthorization(em, ctx)
    ) {
        return;
    }
    if (!c) {
        armError(ctx, 404, 'NotFound', `The requested path '${ctx.path}' is not found.`);
        return;
    }
    if (
        handleExtensionTypeVersions(em, ctx) ||
        handleKubernetesConfiguration(em, ctx, c) ||
        handleRelay(em, ctx, c) ||
        handleMachineLearning(em, ctx, c) ||
        handleContainerService(em, ctx, c)
    ) {
        return;
    }
    if (ctx.method === 'GET' && (c.kind === 'item' || c.kind === 'collection')) {
        genericGet(em, ctx, c);
        return;
    }
    armError(ctx, 405, 'MethodNotAllowed', `The emulator does not support '${ctx.method}' on '${ctx.path}'.`);
}

function logRequest(em: Emulator, ctx: Ctx): void {
    const query: Record<string, string> = {};
    for (const [k, v] of ctx.query) {
        query[k] = v;
    }
    em.log.add({
        time: new Date(ctx.startedAt).toISOString(),
        method: ctx.method,
        path: ctx.path,
        query,
        status: ctx.status ?? 0,
        requestBody: redactBody(ctx.rawBody, ctx.req.headers['content-type']),
        durationMs: Date.now() - ctx.startedAt,
        requestId: ctx.requestId,
        correlationId: ctx.correlationId,
        fault: ctx.fault,
        injectedLatencyMs: ctx.injectedLatencyMs,
        caller: ctx.caller?.oid,
        connection: ctx.connection?.id,
        ...(ctx.connection?.first ? { newConnection: true } : {}),
    });
    if (!em.quiet) {
        process.stdout.write(
            `${ctx.method} ${ctx.path} -> ${ctx.status ?? 'dropped'}${ctx.fault ? ` (fault ${ctx.fault})` : ''} ${Date.now() - ctx.startedAt}ms\n`,
        );
    }
}

export async function handleRequest(
    em: Emulator,
    admin: EmulatorAdmin,
    req: IncomingMessage,
    res: ServerResponse,
): Promise<void> {
    let rawBody = '';
    try {
        rawBody = await readBody(req);
    } catch {
        return;
    }
    const ctx = newCtx(req, res, rawBody, em.url);
    if (handleAdmin(em, admin, ctx)) {
        return;
    }
    ctx.connection = connectionUse(req.socket);
    try {
        const rawQuery = (req.url ?? '').split('?').slice(1).join('?');
        const decision = em.faults.decide(ctx.method, ctx.path, rawQuery);
        const delay = decision.latencyMs + em.tunables.latencyMs;
        if (delay > 0) {
            ctx.injectedLatencyMs = delay;
            await sleep(delay);
        }
        const rule = decision.rule;
        if (rule?.dropResponse) {
            ctx.fault = rule.name ?? rule.path;
            ctx.dropResponse = true;
        } else if (rule) {
            ctx.fault = rule.name ?? rule.path;
            if (rule.drop) {
                ctx.status = 0;
                res.socket?.destroy();
                return;
            }
            const status = rule.status ?? 500;
            const retryAfter = decision.retryAfterSeconds ?? rule.retryAfterSeconds;
            const headers: Record<string, string> =
                retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
            if (status === 429) {
                Object.assign(headers, em.rateLimits.headersFor(ctx, subscriptionOfPath(ctx.path), true));
            }
            armError(
                ctx,
                status,
                rule.code ?? defaultFaultCodes[status] ?? 'Error',
                rule.message ?? `Injected fault '${ctx.fault}' (HTTP ${status}).`,
                {},
                headers,
            );
            return;
        }
        if (handleMetadata(em, ctx) || handleEntra(em, ctx)) {
            return;
        }
        if (/^\/(portal|studio)(\/|$)/i.test(ctx.path)) {
            portal(ctx);
            return;
        }
        armDispatch(em, ctx);
    } catch (e) {
        armError(
            ctx,
            500,
            'InternalServerError',
            `Emulator error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
    } finally {
        logRequest(em, ctx);
    }
}
