/** `npm run test:integration`: the real Azure SDK clients against in-process emulators (see ../emulator/runMocha). */
import { runMochaWithEmulatorCa } from '../emulator/runMocha';

runMochaWithEmulatorCa('integration', 60_000, 3000);
