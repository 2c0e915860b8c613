/**
 * Microsoft.Relay as specification/relay/.../stable/2021-11-01 publishes it, the part the AzureML extension uses on Arc
 * (the CLI's AzureMLKubernetes.py `_get_relay_connection_str`: namespace, hybrid connection named after the cluster,
 * authorization rule `azureml_rw` with Manage/Send/Listen, then listKeys):
 * - namespaces PUT (201 `Created`, then `Succeeded`/`Active` once the provisioning delay has passed: the SDKs poll
 *   the resource), GET, list, DELETE (200, with everything under it);
 * - `.../hybridConnections/{name}` and `.../authorizationRules/{rule}` (on the namespace or a hybrid connection) PUT
 *   200, GET, list, DELETE;
 * - `POST .../authorizationRules/{rule}/listKeys`: `{ primaryConnectionString, secondaryConnectionString, primaryKey,
 *   secondaryKey, keyName }` (secrets: the request log redacts them, requestLog.ts). Keys are derived from the rule's id,
 *   so they stay the same across calls; a rule created by the namespace is `RootManageSharedAccessKey`.
 */

import { actionFor, authorize } from '../authorization';
import { classifyArmPath, sameId, type ArmPath } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, isObject, nowIso, parseJsonBody, send, type Ctx } from '../http';
import type { Json } from '../model';
import { relayKey } from './relayKeys';
import { genericGet, present, requireContainers, requireSubscription, resourceNotFound } from './generic';

const namespaceType = 'Microsoft.Relay/namespaces';
const hybridType = `${namespaceType}/hybridConnections`;
const rights = ['Manage', 'Send', 'Listen'];
/** NamespaceNameParameter: 6–50 characters; the naming rules: letters, digits, hyphens, starting with a letter and ending with a letter or digit. */
const namespaceName = /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$/;
/** authorizationRuleName: 1–50 characters; hybridConnectionName: 1–260. */
const ruleName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
const hybridName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,259}$/;

function invalid(ctx: Ctx, message: string): void {
    armError(ctx, 400, 'BadRequest', message);
}

function propertiesOf(ctx: Ctx): { body: Json; props: Json } | undefined {
    const parsed = parseJsonBody(ctx);
    const body = parsed.ok ? (parsed.value ?? {}) : undefined;
    if (!isObject(body) || !isObject(body.properties ?? {})) {
        armError(ctx, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
        return undefined;
    }
    return { body, props: (body.properties ?? {}) as Json };
}

/** Namespaces created a provisioning delay ago become Succeeded and Active (lazily, before each ARM request). */
export function settleRelay(em: Emulator, now = Date.now()): void {
    for (const ns of em.state.ofType(namespaceType)) {
        const props = (ns.properties ?? {}) as Json;
        if (
            props.provisioningState === 'Created' &&
            now >= Date.parse(String(props.createdAt)) + em.tunables.provisioningDelayMs
        ) {
            props.provisioningState = 'Succeeded';
            props.status = 'Active';
            em.state.touch();
        }
    }
}

function rootRule(namespaceId: string): Json {
    return {
        id: `${namespaceId}/authorizationRules/RootManageSharedAccessKey`,
        name: 'RootManageSharedAccessKey',
        type: 'Microsoft.Relay/Namespaces/AuthorizationRules',
        properties: { rights: [...rights] },
    };
}

function putNamespace(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const name = c.name ?? '';
    if (!namespaceName.test(name)) {
        invalid(
            ctx,
            `The namespace name '${name}' is invalid: 6 to 50 letters, digits and hyphens, starting with a letter and ending with a letter or digit.`,
        );
        return;
    }
    const input = propertiesOf(ctx);
    if (!input) {
        return;
    }
    if (typeof input.body.location !== 'string' || !input.body.location) {
        armError(ctx, 400, 'LocationRequired', 'The location property is required for this definition.');
        return;
    }
    const existing = em.state.get(ctx.path);
    const now = nowIso();
    const sub = c.subscriptionId ?? '';
    const stored = em.state.upsert({
        id: existing?.id ?? ctx.path,
        name,
        type: 'Microsoft.Relay/Namespaces',
        location: input.body.location,
        tags: input.body.tags ?? existing?.tags ?? {},
        sku: { name: 'Standard', tier: 'Standard' },
        properties: {
            provisioningState: existing ? (existing.properties as Json).provisioningState : 'Created',
            status: existing ? (existing.properties as Json).status : 'Activating',
            createdAt: (existing?.properties as Json | undefined)?.createdAt ?? now,
            updatedAt: now,
            serviceBusEndpoint: `https://${name.toLowerCase()}.servicebus.windows.net:443/`,
            metricId: `${sub}:${name.toLowerCase()}`,
            publicNetworkAccess: input.props.publicNetworkAccess ?? 'Enabled',
        },
    });
    if (!existing) {
        em.state.upsert(rootRule(stored.id));
    }
    send(ctx, existing ? 200 : 201, present(stored));
}

function putHybridConnection(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const input = propertiesOf(ctx);
    if (!input) {
        return;
    }
    const namespace = em.state.get(c.parent.replace(/\/hybridConnections$/i, ''));
    const existing = em.state.get(ctx.path);
    const now = nowIso();
    const stored = em.state.upsert({
        id: existing?.id ?? ctx.path,
        name: c.name,
        type: 'Microsoft.Relay/Namespaces/HybridConnections',
        location: namespace?.location,
        properties: {
            createdAt: (existing?.properties as Json | undefined)?.createdAt ?? now,
            updatedAt: now,
            listenerCount: 0,
            requiresClientAuthorization: input.props.requiresClientAuthorization ?? true,
            userMetadata: input.props.userMetadata ?? null,
        },
    });
    send(ctx, 200, present(stored));
}

function putRule(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const input = propertiesOf(ctx);
    if (!input) {
        return;
    }
    const asked = input.props.rights;
    if (!Array.isArray(asked) || asked.length === 0) {
        invalid(
            ctx,
            "The value of parameter 'properties.rights' is invalid: at least one of Manage, Send, Listen is required.",
        );
        return;
    }
    const unknown = asked.find((r) => !rights.some((known) => sameId(known, String(r))));
    if (unknown !== undefined) {
        invalid(ctx, `The right '${String(unknown)}' is invalid: use Manage, Send or Listen.`);
        return;
    }
    const onHybrid = /\/hybridConnections\/[^/]+\/authorizationRules$/i.test(c.parent);
    const stored = em.state.upsert({
        id: em.state.get(ctx.path)?.id ?? ctx.path,
        name: c.name,
        type: onHybrid
            ? 'Microsoft.Relay/Namespaces/HybridConnections/AuthorizationRules'
            : 'Microsoft.Relay/Namespaces/AuthorizationRules',
        properties: { rights: rights.filter((r) => asked.some((a) => sameId(r, String(a)))) },
    });
    send(ctx, 200, present(stored));
}

function listKeys(em: Emulator, ctx: Ctx, ruleId: string): void {
    const rule = em.state.get(ruleId);
    const ruleRef = classifyArmPath(ruleId);
    if (!rule || !ruleRef) {
        resourceNotFound(ctx, ruleRef ?? { kind: 'item', parent: '' }, ruleId);
        return;
    }
    const namespace = /\/namespaces\/([^/]+)/i.exec(ruleId)?.[1]?.toLowerCase() ?? '';
    const entity = /\/hybridConnections\/([^/]+)\//i.exec(ruleId)?.[1];
    const connection = (k: string): string =>
        `Endpoint=sb://${namespace}.servicebus.windows.net/;SharedAccessKeyName=${rule.name};SharedAccessKey=${k}${entity ? `;EntityPath=${entity}` : ''}`;
    const primaryKey = relayKey(rule.id, 'primary');
    const secondaryKey = relayKey(rule.id, 'secondary');
    send(ctx, 200, {
        primaryConnectionString: connection(primaryKey),
        secondaryConnectionString: connection(secondaryKey),
        primaryKey,
        secondaryKey,
        keyName: rule.name,
    });
}

function isRelay(c: ArmPath): boolean {
    return sameId(c.namespace, 'Microsoft.Relay') && !!c.type && /^Microsoft\.Relay\/namespaces(\/|$)/i.test(c.type);
}

/** Handles Microsoft.Relay requests beyond generic reads; returns false for any other request. */
export function handleRelay(em: Emulator, ctx: Ctx, c: ArmPath): boolean {
    if (!isRelay(c)) {
        return false;
    }
    settleRelay(em);
    const type = c.type ?? '';
    const isKeys = ctx.method === 'POST' && c.kind === 'collection' && /\/authorizationRules\/listKeys$/i.test(type);
    if (isKeys) {
        const ruleId = ctx.path.replace(/\/listKeys$/i, '');
        const ruleType = type.replace(/\/listKeys$/i, '');
        const rule = classifyArmPath(ruleId);
        if (
            requireSubscription(em, ctx, c) &&
            authorize(em, ctx, actionFor('POST', ruleType, 'listKeys'), ruleId) &&
            rule &&
            requireContainers(em, ctx, rule)
        ) {
            listKeys(em, ctx, ruleId);
        }
        return true;
    }
    if (c.kind !== 'item' || !['PUT', 'DELETE', 'GET'].includes(ctx.method)) {
        return false;
    }
    if (ctx.method === 'GET') {
        genericGet(em, ctx, c);
        return true;
    }
    if (
        !requireSubscription(em, ctx, c) ||
        !authorize(em, ctx, actionFor(ctx.method, type), ctx.path) ||
        !requireContainers(em, ctx, c)
    ) {
        return true;
    }
    if (ctx.method === 'DELETE') {
        send(ctx, em.state.delete(ctx.path) ? 200 : 204);
        return true;
    }
    const isRule = /\/authorizationRules$/i.test(type);
    const nameRule = isRule ? ruleName : sameId(type, hybridType) ? hybridName : undefined;
    if (nameRule && !nameRule.test(c.name ?? '')) {
        invalid(
            ctx,
            `The name '${c.name ?? ''}' is invalid: up to ${isRule ? 50 : 260} letters, digits, periods, hyphens and underscores, starting with a letter or digit.`,
        );
        return true;
    }
    if (sameId(type, namespaceType)) {
        putNamespace(em, ctx, c);
    } else if (sameId(type, hybridType)) {
        putHybridConnection(em, ctx, c);
    } else if (isRule) {
        putRule(em, ctx, c);
    } else {
        armError(ctx, 405, 'MethodNotAllowed', `The emulator does not support '${ctx.method}' on '${ctx.path}'.`);
    }
    return true;
}
