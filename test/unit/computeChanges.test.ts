import * as assert from 'assert';
import { changeBetween, type ComputeSnapshot } from '../../src/domain/computeChanges';
import { defaultWorld } from '../emulator/defaultWorld';

const cluster = defaultWorld.clusters.aksGpuDev.id;
const uai = defaultWorld.identities.training.id;

/** A compute as GET answers it (with the read-only fields the service sets). */
const opened: ComputeSnapshot = {
    location: 'eastus',
    tags: {},
    identity: {
        type: 'UserAssigned',
        userAssignedIdentities: { [uai]: { principalId: 'p-1', clientId: 'c-1' } },
    },
    systemData: { lastModifiedAt: new Date('2026-03-01T10:42:00Z') },
    properties: {
        computeType: 'Kubernetes',
        computeLocation: 'eastus',
        description: null,
        resourceId: cluster,
        provisioningState: 'Succeeded',
        createdOn: new Date('2026-03-01T10:00:00Z'),
        modifiedOn: new Date('2026-03-01T10:42:05Z'),
        properties: { namespace: 'vision', relayConnectionString: null, defaultInstanceType: 'defaultinstancetype' },
    },
};

type Editable = { -readonly [K in keyof ComputeSnapshot]: ComputeSnapshot[K] } & {
    properties: Record<string, unknown>;
};

function edited(change: (c: Editable) => void): ComputeSnapshot {
    const copy = structuredClone(opened) as Editable;
    change(copy);
    return copy;
}

describe('what changed in a compute between two reads', () => {
    it('nothing, when the second read is the same compute', () => {
        assert.strictEqual(changeBetween(opened, structuredClone(opened)), undefined);
    });

    it('not the read-only fields: provisioning state and errors, ids echoed for identities, a reissued secret', () => {
        const after = edited((c) => {
            c.properties.provisioningState = 'Failed';
            c.properties.provisioningErrors = [{ error: { code: 'X', message: 'y' } }];
            (c.identity as { userAssignedIdentities: Record<string, unknown> }).userAssignedIdentities = {
                [uai.toUpperCase()]: { principalId: 'p-2' },
            };
            (c.properties.properties as Record<string, unknown>).relayConnectionString = 'Endpoint=sb://…';
        });
        assert.strictEqual(changeBetween(opened, after), undefined);
    });

    it('names each writable part that changed, with the time of the write', () => {
        const after = edited((c) => {
            c.identity = { type: 'SystemAssigned' };
            c.properties.description = 'GPU pool, owned by the vision team';
            c.tags = { owner: 'vision' };
            (c.properties.properties as Record<string, unknown>).namespace = 'vision-2';
            c.systemData = { lastModifiedAt: '2026-03-01T10:51:00Z' };
        });
        assert.deepStrictEqual(changeBetween(opened, after), {
            parts: ['identity', 'description', 'namespace', 'tags'],
            writtenAt: new Date('2026-03-01T10:51:00Z'),
        });
    });

    it('another user-assigned identity of the same type is a change of identity', () => {
        const after = edited((c) => {
            c.identity = { type: 'UserAssigned', userAssignedIdentities: { [defaultWorld.identities.wsNlp.id]: {} } };
        });
        assert.deepStrictEqual(changeBetween(opened, after)?.parts, ['identity']);
    });

    it('a setting it has no name for is "other settings"', () => {
        const after = edited((c) => {
            (c.properties.properties as Record<string, unknown>).vcName = 'vc-1';
        });
        assert.deepStrictEqual(changeBetween(opened, after)?.parts, ['otherSettings']);
    });

    it('a write that left every field as it was still counts (ARM recorded a later write)', () => {
        const after = edited((c) => {
            c.systemData = { lastModifiedAt: new Date('2026-03-01T10:43:00Z') };
        });
        assert.deepStrictEqual(changeBetween(opened, after), {
            parts: [],
            writtenAt: new Date('2026-03-01T10:43:00Z'),
        });
    });

    it('without systemData, a later modifiedOn counts, unless the compute was still settling at the first read', () => {
        const noSystemData = edited((c) => {
            delete (c as { systemData?: unknown }).systemData;
        });
        const later = (state: string) =>
            edited((c) => {
                delete (c as { systemData?: unknown }).systemData;
                c.properties.modifiedOn = '2026-03-01T10:44:00Z';
                c.properties.provisioningState = state;
            });
        assert.deepStrictEqual(changeBetween(noSystemData, later('Succeeded'))?.parts, []);
        const updating = edited((c) => {
            delete (c as { systemData?: unknown }).systemData;
            c.properties.provisioningState = 'Updating';
        });
        assert.strictEqual(changeBetween(updating, later('Succeeded')), undefined, 'the end of provisioning');
    });
});
