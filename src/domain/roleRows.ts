/** A role the guidance asks for, as checked: what the compute panel shows in a row. Pure data. */

export type RowStatus =
    | { readonly state: 'checking' }
    | {
          readonly state: 'granted';
          /** Granted at an ancestor scope (resource group, subscription). */
          readonly inherited: boolean;
          /** The scope of the assignment that grants it, and a readable label for it. */
          readonly grantedAt: string;
          readonly grantedAtLabel: string;
          /** The role assigned, when a broader role than the required one grants it. */
          readonly viaRole: string;
      }
    | { readonly state: 'missing' }
    | { readonly state: 'unknown'; readonly reason: string };

export interface RoleRow {
    /** Stable within a panel: `<section>|<role id>|<scope, lower case>`. */
    readonly id: string;
    readonly section: 'training' | 'prerequisite';
    readonly roleId: string;
    readonly roleName: string;
    /** Why this role, in a few words. */
    readonly purpose: string;
    readonly scopeLabel: string;
    readonly scopeId?: string;
    readonly optional: boolean;
    /** A resource the user added with "Add a resource...". */
    readonly added: boolean;
    readonly status: RowStatus;
    /** The signed-in user may create the assignment (and the role is not one the extension refuses to grant). */
    readonly canAssign: boolean;
    /** Why Assign is not offered, when the row is missing and it is not. */
    readonly cannotAssignReason?: string;
    /** `az role assignment create ...`, when the principal and scope are known. */
    readonly azCommand?: string;
    /** The principal the role is for: its name as the confirmation and the portal show it. */
    readonly principalName: string;
}
