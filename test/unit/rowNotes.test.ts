import * as assert from 'assert';
import type { RoleRow, RowsSection } from '../../src/webview/computePanel/contract';
import { sharedReasons, sharedReasonsKey } from '../../src/webview/computePanel/rowNotes';
import { whoCanAssign } from '../../src/domain/roleGuidance';

const noRights = `${whoCanAssign} Ask someone who has one of them to run the az command.`;

function row(id: string, section: RoleRow['section'], status: RoleRow['status'], cannotAssignReason?: string): RoleRow {
    return {
        id,
        section,
        roleId: id,
        roleName: id,
        purpose: '',
        scopeLabel: 'scope',
        optional: false,
        added: false,
        status,
        canAssign: false,
        cannotAssignReason,
        principalName: 'p',
    };
}

const ready = (...rows: RoleRow[]): RowsSection => ({ state: 'ready', rows });
const missing = { state: 'missing' } as const;

describe('compute panel: a reason several rows share is said once', () => {
    it('the "who can assign" reason of three missing rows becomes one note, above the role guidance', () => {
        const shared = sharedReasons({
            roles: ready(
                row('AcrPull', 'training', missing, noRights),
                row('Reader', 'training', missing, noRights),
                row('Contributor', 'training', missing, noRights),
            ),
        });
        assert.deepStrictEqual(shared, [{ reason: noRights, section: 'training', noteId: 'cannot-assign-note-1' }]);
    });

    it('across both tables the note goes above the first one that has it; a reason of one row stays in the row', () => {
        const shared = sharedReasons({
            roles: ready(
                row('AcrPull', 'training', {
                    state: 'granted',
                    inherited: false,
                    grantedAt: 's',
                    grantedAtLabel: 's',
                    viaRole: 'AcrPull',
                }),
                row('Owner', 'training', missing, 'This extension never grants Owner.'),
            ),
            prerequisites: ready(
                row('Reader', 'prerequisite', missing, noRights),
                row('Relay', 'prerequisite', missing, noRights),
            ),
        });
        assert.deepStrictEqual(
            shared.map((s) => [s.reason, s.section]),
            [[noRights, 'prerequisite']],
        );
    });

    it('rows that are not missing, tables still loading and rows without a reason count for nothing', () => {
        assert.deepStrictEqual(
            sharedReasons({
                roles: ready(row('a', 'training', { state: 'checking' }, noRights), row('b', 'training', missing)),
                prerequisites: { state: 'loading' },
            }),
            [],
        );
    });

    it('the key changes only when the notes do', () => {
        const one = sharedReasons({
            roles: ready(row('a', 'training', missing, noRights), row('b', 'training', missing, noRights)),
        });
        const same = sharedReasons({
            roles: ready(row('c', 'training', missing, noRights), row('d', 'training', missing, noRights)),
        });
        assert.strictEqual(sharedReasonsKey(one), sharedReasonsKey(same));
        assert.notStrictEqual(sharedReasonsKey(one), sharedReasonsKey([]));
    });
});
