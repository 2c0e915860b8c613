import type { ComputeInfo } from '../../domain/models';
import type { AttachIdentity } from '../../domain/attachPlan';
import type { ComputeChoiceContext } from '../shared/ComputeListStep';

export interface EditIdentityContext extends ComputeChoiceContext {
    newIdentity?: AttachIdentity;
    /** The compute as the service reported it right after the change. */
    updated?: ComputeInfo;
}
