import type { ComputeInfo } from '../../domain/models';
import type { AttachIdentity } from '../../domain/attachPlan';
import type { OpenedCompute } from '../../azure/identityUpdate';
import type { ComputeChoiceContext } from '../shared/ComputeListStep';

export interface EditIdentityContext extends ComputeChoiceContext {
    /** The compute as read when the identity question was first asked: the change starts from it, and only from it. */
    opened?: OpenedCompute;
    newIdentity?: AttachIdentity;
    /** The compute as the service reported it right after the change. */
    updated?: ComputeInfo;
    /** Set when someone else changed the compute meanwhile and nothing was written. */
    refused?: boolean;
}
