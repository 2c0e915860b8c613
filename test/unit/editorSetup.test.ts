import * as assert from 'assert';
import { installEnv } from '../../tools/editor-host/install';
import { planSystem, type SystemState } from '../../tools/editor-host/systemPackages';

/** What a script of `npm test` sees (npm 11.19 on Node 20, `npm test` running `npm run test:host`), as read here. */
const npmTestEnv: NodeJS.ProcessEnv = {
    HOME: '/root',
    LANG: 'C.UTF-8',
    HTTPS_PROXY: 'http://proxy.example:3128',
    NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
    AZUREML_K8S_CACHE: '/tmp/cache',
    CI: 'true',
    _: '/usr/bin/npm',
    COLOR: '0',
    EDITOR: 'vi',
    INIT_CWD: '/work/main',
    NODE: '/usr/bin/node',
    PATH: [
        '/work/main/node_modules/.bin',
        '/work/node_modules/.bin',
        '/node_modules/.bin',
        '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin',
        '/work/main/node_modules/.bin',
        '/work/node_modules/.bin',
        '/node_modules/.bin',
        '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin',
        '/root/.cargo/bin',
        '/usr/local/sbin',
        '/usr/local/bin',
        '/usr/sbin',
        '/usr/bin',
        '/sbin',
        '/bin',
    ].join(':'),
    npm_command: 'run',
    npm_config_audit: '',
    npm_config_cache: '/root/.npm',
    npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
    npm_config_global_prefix: '/usr',
    npm_config_globalconfig: '/usr/etc/npmrc',
    npm_config_local_prefix: '/work/main',
    npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    npm_config_nodedir: '/usr',
    npm_config_npm_version: '11.19.1',
    npm_config_prefix: '/usr',
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_config_userconfig: '/root/.npmrc',
    npm_config_yes: '',
    NPM_CONFIG_LOGLEVEL: 'silent',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    npm_lifecycle_event: 'test:host',
    npm_lifecycle_script:
        'node out/test/extension-host/runCodeServer.js && node out/test/extension-host/runElectron.js',
    npm_node_execpath: '/usr/bin/node',
    npm_package_json: '/work/main/package.json',
    npm_package_name: 'azureml-kubernetes-compute',
    npm_package_version: '0.1.0',
};

describe('the environment of the inner npm install', () => {
    const nodeDir = '/root/.cache/azureml-k8s-compute/node-24.21.0';
    const env = installEnv(npmTestEnv, nodeDir);

    it('keeps none of what the outer npm set, whatever its case', () => {
        const leaked = Object.keys(env).filter(
            (key) =>
                /^npm_/i.test(key) &&
                !['npm_config_unsafe_perm', 'npm_config_yes', 'npm_config_nodedir'].includes(key) &&
                !['npm_config_audit', 'npm_config_fund', 'npm_config_update_notifier'].includes(key),
        );
        assert.deepStrictEqual(leaked, []);
        for (const key of ['INIT_CWD', 'NODE', 'COLOR', 'EDITOR', 'NPM_CONFIG_LOGLEVEL', 'npm_config_user_agent']) {
            assert.strictEqual(env[key], undefined, key);
        }
    });

    it('sets what the install of code-server needs under Node 24', () => {
        assert.strictEqual(env.npm_config_unsafe_perm, 'true');
        assert.strictEqual(env.npm_config_yes, 'true');
        assert.strictEqual(env.npm_config_nodedir, nodeDir);
    });

    it('puts Node 24 first on PATH and drops the node_modules/.bin and node-gyp-bin entries of npm run', () => {
        assert.deepStrictEqual(env.PATH!.split(':'), [
            `${nodeDir}/bin`,
            '/root/.cargo/bin',
            '/usr/local/sbin',
            '/usr/local/bin',
            '/usr/sbin',
            '/usr/bin',
            '/sbin',
            '/bin',
        ]);
    });

    it("keeps the rest of the user's environment (proxy, CA, cache folder)", () => {
        for (const key of ['HOME', 'LANG', 'HTTPS_PROXY', 'NODE_EXTRA_CA_CERTS', 'AZUREML_K8S_CACHE', 'CI']) {
            assert.strictEqual(env[key], npmTestEnv[key], key);
        }
    });

    it('does not change the environment it is given', () => {
        assert.strictEqual(npmTestEnv.npm_config_user_agent, 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false');
        assert.ok(npmTestEnv.PATH!.startsWith('/work/main/node_modules/.bin:'));
    });
});

describe('what the machine lacks and what is done about it', () => {
    const everything: SystemState = {
        needBrowser: true,
        needBuild: true,
        chromium: { path: '/usr/bin/chromium', fromEnv: false, present: false },
        kerberosHeaders: false,
        needPythonClient: false,
        pythonAzure: false,
        privilege: 'root',
        apt: true,
    };
    const state = (change: Partial<SystemState>): SystemState => ({ ...everything, ...change });

    it('does nothing when what the caller needs is there', () => {
        const present = { path: '/usr/bin/chromium', fromEnv: false, present: true };
        assert.deepStrictEqual(planSystem(state({ chromium: present, kerberosHeaders: true })), { action: 'none' });
    });

    it('npm start (no browser) with code-server cached needs nothing, even without Chromium', () => {
        assert.deepStrictEqual(planSystem(state({ needBrowser: false, needBuild: false })), { action: 'none' });
    });

    it('npm start on an empty cache needs only libkrb5-dev', () => {
        const plan = planSystem(state({ needBrowser: false }));
        assert.strictEqual(plan.action, 'apt');
        assert.deepStrictEqual(plan.action === 'apt' && plan.packages, ['libkrb5-dev']);
    });

    it('the tests with code-server cached need only chromium', () => {
        const plan = planSystem(state({ needBuild: false }));
        assert.deepStrictEqual(plan.action === 'apt' && plan.packages, ['chromium']);
    });

    it("the tests add python3-azure when Debian's Python lacks the Azure SDK, and nothing when it has it", () => {
        const present = { path: '/usr/bin/chromium', fromEnv: false, present: true };
        const lacking = planSystem(state({ chromium: present, needBuild: false, needPythonClient: true }));
        assert.deepStrictEqual(lacking.action === 'apt' && lacking.packages, ['python3-azure']);
        const there = state({ chromium: present, needBuild: false, needPythonClient: true, pythonAzure: true });
        assert.deepStrictEqual(planSystem(there), { action: 'none' });
    });

    it('installs through apt as root', () => {
        const plan = planSystem(everything);
        assert.strictEqual(plan.action, 'apt');
        assert.deepStrictEqual(plan.action === 'apt' && [plan.sudo, plan.packages], [
            false,
            ['chromium', 'libkrb5-dev'],
        ]);
    });

    it('installs through sudo where sudo needs no password', () => {
        const plan = planSystem(state({ privilege: 'sudo' }));
        assert.deepStrictEqual(plan.action === 'apt' && [plan.sudo, plan.packages], [
            true,
            ['chromium', 'libkrb5-dev'],
        ]);
    });

    it('otherwise stops with one line that says exactly what to run', () => {
        const plan = planSystem(state({ privilege: 'none' }));
        assert.strictEqual(plan.action, 'stop');
        const message = plan.action === 'stop' ? plan.message : '';
        assert.ok(!message.includes('\n'), message);
        assert.ok(message.includes('sudo apt-get update && sudo apt-get install -y chromium libkrb5-dev'), message);
        assert.match(message, /chromium \(\/usr\/bin\/chromium, for the browser tests\)/);
        assert.match(message, /libkrb5-dev \(\/usr\/include\/gssapi\/gssapi\.h, to build code-server\)/);
    });

    it('names only the missing package in that line', () => {
        const plan = planSystem(state({ privilege: 'none', kerberosHeaders: true }));
        assert.ok(plan.action === 'stop' && plan.message.includes('sudo apt-get install -y chromium  and'));
    });

    it('a CHROMIUM_PATH that does not exist is reported, not papered over with Debian chromium', () => {
        const plan = planSystem(state({ chromium: { path: '/opt/chrome/chrome', fromEnv: true, present: false } }));
        assert.ok(plan.action === 'stop' && plan.message.startsWith('CHROMIUM_PATH is /opt/chrome/chrome'));
    });

    it('without apt-get, names the packages to install some other way', () => {
        const plan = planSystem(state({ apt: false }));
        assert.ok(
            plan.action === 'stop' &&
                /apt-get is not here: install the Debian packages chromium libkrb5-dev/.test(plan.message),
        );
    });
});
