import * as assert from 'assert';
import type { IdentityInfo } from '../../src/domain/models';
import { identityImpact } from '../../src/domain/identityImpact';
import { defaultWorld } from '../emulator/defaultWorld';

const uai = (name: string) =>
    `${defaultWorld.subscriptions.dev.scope}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const system: IdentityInfo = { type: 'SystemAssigned', principalId: 'p1', userAssigned: [] };
const user: IdentityInfo = { type: 'UserAssigned', userAssigned: [{ id: uai('id-training') }] };
const none: IdentityInfo = { type: 'None', userAssigned: [] };

describe('identity change impact', () => {
    it('switching away from system-assigned deletes its principal', () => {
        assert.deepStrictEqual(identityImpact(system, { type: 'UserAssigned', identityId: uai('id-training') }), {
            deletesSystemPrincipal: true,
            createsSystemPrincipal: false,
            dropsUserAssigned: [],
        });
        assert.strictEqual(identityImpact(system, { type: 'None' }).deletesSystemPrincipal, true);
    });

    it('switching to system-assigned creates a principal and drops the user-assigned one', () => {
        assert.deepStrictEqual(identityImpact(user, { type: 'SystemAssigned' }), {
            deletesSystemPrincipal: false,
            createsSystemPrincipal: true,
            dropsUserAssigned: ['id-training'],
        });
    });

    it('keeping the same user-assigned identity (any case) drops nothing', () => {
        assert.deepStrictEqual(
            identityImpact(user, { type: 'UserAssigned', identityId: uai('ID-TRAINING') }).dropsUserAssigned,
            [],
        );
        assert.deepStrictEqual(identityImpact(none, { type: 'None' }), {
            deletesSystemPrincipal: false,
            createsSystemPrincipal: false,
            dropsUserAssigned: [],
        });
    });

    it('a compute with both kinds loses its system principal when only a user-assigned one is kept', () => {
        const both: IdentityInfo = {
            type: 'SystemAssigned,UserAssigned',
            principalId: 'p',
            userAssigned: [{ id: uai('a') }],
        };
        assert.deepStrictEqual(identityImpact(both, { type: 'UserAssigned', identityId: uai('a') }), {
            deletesSystemPrincipal: true,
            createsSystemPrincipal: false,
            dropsUserAssigned: [],
        });
    });
});
