/**
 * The emulated Microsoft Entra directory: tenants, the people who sign in to them, and the public client applications
 * they sign in with. A person has one object per tenant they belong to (their home one and a guest object in each
 * other), as in Entra, so a token for another tenant carries another `oid`.
 */

export interface TenantRecord {
    tenantId: string;
    displayName?: string;
    defaultDomain?: string;
    /**
     * Conditional Access asks for multi-factor authentication: a refresh token from a sign-in without it is refused
     * for this tenant (AADSTS50076, `interaction_required`) until the person signs in to it interactively.
     */
    requiresMfa?: boolean;
}

export interface Membership {
    tenantId: string;
    /** The person's object in that tenant (the home user, or their guest object). */
    objectId: string;
}

export interface UserRecord {
    userPrincipalName: string;
    displayName: string;
    homeTenantId: string;
    memberships: Membership[];
}

/** A public client (no secret) that may sign people in, with the redirect URIs registered for it. */
export interface PublicClient {
    clientId: string;
    displayName: string;
    /** Exact redirect URIs; loopback `http://localhost` / `http://127.0.0.1` URIs match on any port. */
    redirectUris: string[];
}

/** Multi-tenant first-party public clients, present in every tenant as they are in Entra. */
export const publicClients: PublicClient[] = [
    {
        clientId: 'aebc6443-996d-45c2-90f0-388ff96faa56',
        displayName: 'Visual Studio Code',
        redirectUris: ['https://vscode.dev/redirect', 'http://localhost', 'http://127.0.0.1'],
    },
    {
        clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
        displayName: 'Microsoft Azure CLI',
        redirectUris: ['http://localhost', 'http://127.0.0.1'],
    },
];

export function findPublicClient(clientId: string | null | undefined): PublicClient | undefined {
    const id = (clientId ?? '').toLowerCase();
    return publicClients.find((c) => c.clientId === id);
}

/** Entra's rule for native apps: a loopback redirect URI matches whatever the port; others must match exactly. */
export function redirectUriAllowed(client: PublicClient, redirectUri: string): boolean {
    let url: URL;
    try {
        url = new URL(redirectUri);
    } catch {
        return false;
    }
    return client.redirectUris.some((registered) => {
        const r = new URL(registered);
        const loopback = r.protocol === 'http:' && (r.hostname === 'localhost' || r.hostname === '127.0.0.1');
        if (loopback) {
            return url.protocol === 'http:' && url.hostname === r.hostname;
        }
        return registered === redirectUri;
    });
}

/** `organizations` and `common` stand for the person's home tenant when a token is issued. */
export const multiTenantAliases = new Set(['common', 'organizations']);

export class Directory {
    private mfaOverrides = new Map<string, boolean>();

    constructor(
        private readonly tenants: TenantRecord[],
        readonly users: UserRecord[],
    ) {}

    allTenants(): TenantRecord[] {
        return this.tenants.map((t) => ({ ...t, requiresMfa: this.requiresMfa(t.tenantId) }));
    }

    tenant(tenantId: string | undefined): TenantRecord | undefined {
        const id = (tenantId ?? '').toLowerCase();
        return this.tenants.find((t) => t.tenantId.toLowerCase() === id);
    }

    /** A tenant by id or by one of its domains, as Entra accepts either in the authority. */
    resolveTenant(idOrDomain: string): TenantRecord | undefined {
        const key = idOrDomain.toLowerCase();
        return this.tenant(key) ?? this.tenants.find((t) => t.defaultDomain?.toLowerCase() === key);
    }

    requiresMfa(tenantId: string): boolean {
        const t = this.tenant(tenantId);
        return this.mfaOverrides.get(tenantId.toLowerCase()) ?? t?.requiresMfa ?? false;
    }

    /** Turns a tenant's MFA policy on or off (until reset). */
    setRequiresMfa(tenantId: string, value: boolean): void {
        if (!this.tenant(tenantId)) {
            throw new Error(`unknown tenant ${tenantId}`);
        }
        this.mfaOverrides.set(tenantId.toLowerCase(), value);
    }

    resetPolicies(): void {
        this.mfaOverrides.clear();
    }

    userByName(userPrincipalName: string | null | undefined): UserRecord | undefined {
        const name = (userPrincipalName ?? '').toLowerCase();
        return this.users.find((u) => u.userPrincipalName.toLowerCase() === name);
    }

    membership(user: UserRecord, tenantId: string): Membership | undefined {
        return user.memberships.find((m) => m.tenantId.toLowerCase() === tenantId.toLowerCase());
    }

    /** The person behind an object id, and which tenant that object lives in. */
    userByObjectId(objectId: string): { user: UserRecord; membership: Membership } | undefined {
        const id = objectId.toLowerCase();
        for (const user of this.users) {
            const membership = user.memberships.find((m) => m.objectId.toLowerCase() === id);
            if (membership) {
                return { user, membership };
            }
        }
        return undefined;
    }
}
