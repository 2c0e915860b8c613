/** The compute page's handle on VS Code (shared/page/vscodeApi.ts), typed with its contract's messages. */
import type { ToExtension } from '../contract';
import { acquirePageApi } from '../../shared/page/vscodeApi';

export const { send, savedState, saveState } = acquirePageApi<ToExtension>();
