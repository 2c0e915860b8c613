import type { ComputeInfo } from '../../azure/models';
import type { AttachIdentity } from '../../domain/attachPlan';
import type { WorkspaceChoiceContext } from '../shared/WorkspaceListStep';

export interface EditIdentityContext extends WorkspaceChoiceContext {
    compute?: ComputeInfo;
    newIdentity?: AttachIdentity;
    /** The compute as the service reported it right after the change. */
    updated?: ComputeInfo;
}
