/**
 * Older api-versions answered in their own shape where the published specs differ for what the emulator serves: a
 * field a version does not define is left out, a renamed field carries that version's name, and a request body is
 * read as far as that version defines it. The providers build today's shape; `useVersionShapes` (router) hooks
 * `reshapeResponse` into `send` and `reshapeRequest` into `parseJsonBody` for the request's api-version, so the
 * rules live in versionShapeRules*.ts only, each citing the Azure/azure-rest-api-specs files that show the difference
 * (the per-version models of the Azure SDK for Python, generated from those files, agree). README.md lists them
 * ("Shapes of older api-versions").
 */

import { queryParam, type Ctx } from './http';
import { isJson, type Json, type ShapeRule } from './versionShapeHelpers';
import { authorizationRules, resourcesRules } from './versionShapeRules';
import {
    connectedClusterRules,
    containerServiceRules,
    extensionRules,
    managedIdentityRules,
} from './versionShapeRulesClusters';
import { machineLearningRules } from './versionShapeRulesMachineLearning';

const rules: readonly ShapeRule[] = [
    ...resourcesRules,
    ...authorizationRules,
    ...extensionRules,
    ...containerServiceRules,
    ...connectedClusterRules,
    ...managedIdentityRules,
    ...machineLearningRules,
];

/** An item's type: its `type`, or for subscriptions and tenants (which have none) what its id names. */
function itemTypeOf(item: Json): string | undefined {
    if (typeof item.type === 'string') {
        return item.type.toLowerCase();
    }
    const id = typeof item.id === 'string' ? item.id : '';
    if (/^\/subscriptions\/[^/]+$/i.test(id)) {
        return 'microsoft.resources/subscriptions';
    }
    return /^\/tenants\/[^/]+$/i.test(id) ? 'microsoft.resources/tenants' : undefined;
}

interface Shaping {
    readonly rules: readonly ShapeRule[];
    readonly version: string;
    /** The request's type, for items that carry neither type nor id (e.g. permissions). */
    readonly requestType?: string;
}

function shapeItem(item: unknown, shaping: Shaping, inList: boolean): unknown {
    if (!isJson(item)) {
        return item;
    }
    const type = itemTypeOf(item) ?? shaping.requestType;
    let shaped = item;
    for (const rule of shaping.rules) {
        if (rule.response && rule.itemType === type) {
            shaped = rule.response(shaped, shaping.version, inList);
        }
    }
    return shaped;
}

/** The rules that reshape answers and bodies of `namespace` at `version`; none for today's versions. */
function rulesAt(namespace: string | undefined, version: string | undefined): ShapeRule[] {
    const ns = namespace?.toLowerCase();
    return version ? rules.filter((r) => r.namespace === ns && r.applies(version)) : [];
}

/** A response body (one resource or a page of them) in `version`'s shape. */
function reshapeBody(body: unknown, shaping: Shaping): unknown {
    if (isJson(body) && Array.isArray(body.value)) {
        return { ...body, value: body.value.map((item) => shapeItem(item, shaping, true)) };
    }
    return shapeItem(body, shaping, false);
}

/**
 * Sets the request's reshaping hooks for its api-version (after the version is known to be published). `type` is
 * the request's resource type (e.g. `Microsoft.Authorization/roleAssignments`), whose request rules read its body.
 */
export function useVersionShapes(ctx: Ctx, namespace: string | undefined, type: string | undefined): void {
    const version = queryParam(ctx, 'api-version');
    const applying = rulesAt(namespace, version);
    if (!version || applying.length === 0) {
        return;
    }
    const requestType = type?.toLowerCase();
    ctx.reshapeResponse = (body) => reshapeBody(body, { rules: applying, version, requestType });
    const forBody = applying.filter((r) => r.request && r.itemType === requestType);
    if (forBody.length > 0) {
        ctx.reshapeRequest = (body) =>
            forBody.reduce<unknown>((b, rule) => (isJson(b) && rule.request ? rule.request(b, ctx.method) : b), body);
    }
}
