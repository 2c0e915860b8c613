/**
 * Relay authorization rule keys (derived from the rule's id, so every listKeys call gives the same ones) and the check
 * an Arc cluster's AzureML relay server makes of the connection string the extension is given: it must name an
 * existing hybrid connection's rule and carry one of its keys, else the relay server cannot listen and the helm release
 * times out waiting for its pods.
 */

import * as crypto from 'crypto';
import { sameId } from '../armPath';
import type { Emulator } from '../emulator';
import type { Json } from '../model';

export function relayKey(ruleId: string, which: 'primary' | 'secondary'): string {
    return crypto.createHash('sha256').update(`emulator-relay:${ruleId.toLowerCase()}:${which}`).digest('base64');
}

function parts(connectionString: string): Record<string, string> {
    return Object.fromEntries(
        connectionString
            .split(';')
            .map((p) => p.trim())
            .filter(Boolean)
            .map((p) => {
                const eq = p.indexOf('=');
                return [p.slice(0, eq).toLowerCase(), p.slice(eq + 1)];
            }),
    );
}

/** Why the relay server of an Arc AzureML extension cannot connect; undefined when it can (or relay is off). */
export function relayProblem(em: Emulator, clusterId: string, props: Json): string | undefined {
    const settings = (props.configurationSettings ?? {}) as Json;
    const secrets = (props.configurationProtectedSettings ?? {}) as Json;
    if (String(settings['relayserver.enabled'] ?? 'true').toLowerCase() === 'false') {
        return undefined;
    }
    const value = secrets['relayserver.relayConnectionString'] ?? secrets.RelayConnectionString;
    if (typeof value !== 'string' || !value) {
        return 'relayserver: no relay connection string (protected setting relayserver.relayConnectionString)';
    }
    const p = parts(value);
    const namespace = /^sb:\/\/([^.]+)\./i.exec(p.endpoint ?? '')?.[1];
    const sub = clusterId.split('/')[2];
    const hybrid = em.state
        .ofTypeInSubscription('Microsoft.Relay/namespaces/hybridConnections', sub)
        .find((h) => sameId(h.name, p.entitypath) && sameId(h.id.split('/')[8], namespace));
    const rule = hybrid && em.state.get(`${hybrid.id}/authorizationRules/${p.sharedaccesskeyname ?? ''}`);
    if (!rule) {
        return `relayserver: the hybrid connection '${p.entitypath ?? ''}' or its rule '${p.sharedaccesskeyname ?? ''}' was not found in relay namespace '${namespace ?? ''}'`;
    }
    if (p.sharedaccesskey !== relayKey(rule.id, 'primary') && p.sharedaccesskey !== relayKey(rule.id, 'secondary')) {
        return `relayserver: the relay refused the key of rule '${rule.name}' (401 Unauthorized)`;
    }
    return undefined;
}
