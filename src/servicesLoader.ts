import { ext } from './extensionVariables';
import type * as ServicesModule from './services';

type Services = typeof ServicesModule;

let loading: Promise<Services> | undefined;

/** The services chunk, loaded and its services made once; every view and command waits for it before using `ext`. */
export function services(): Promise<Services> {
    loading ??= import('./services')
        .then((module) => {
            module.createServices(ext.context);
            return module;
        })
        .catch((error: unknown) => {
            loading = undefined; // the next view load or command tries again
            throw error;
        });
    return loading;
}
