/** `npm run test:faults`: the fault suite and the credential fault tests against in-process emulators. */
import { runMochaWithEmulatorCa } from '../emulator/runMocha';

runMochaWithEmulatorCa('faults', 600_000, 60_000);
