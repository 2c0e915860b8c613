/**
 * Which connection a request came on, and whether it is that connection's first request: a client that keeps its
 * connections alive sets up TLS once for many requests; one that does not, once per request (the bench counts them).
 */
const connections = new WeakMap<object, { readonly id: number; requests: number }>();
let lastId = 0;

export interface ConnectionUse {
    readonly id: number;
    /** The connection's first request: it paid for the TLS set-up. */
    readonly first: boolean;
}

export function connectionUse(socket: object): ConnectionUse {
    let connection = connections.get(socket);
    if (!connection) {
        connection = { id: ++lastId, requests: 0 };
        connections.set(socket, connection);
    }
    connection.requests++;
    return { id: connection.id, first: connection.requests === 1 };
}
