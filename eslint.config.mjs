// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '.emulator/**'] },
    eslint.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ['**/*.ts'],
        rules: {
            '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            '@typescript-eslint/no-namespace': 'off',
            eqeqeq: 'error',
            curly: 'error',
            'no-restricted-imports': [
                'error',
                { paths: [{ name: 'vscode', message: 'src/azure and src/domain stay free of vscode.' }] },
            ],
        },
    },
    {
        // Only the Azure and domain layers are kept free of `vscode`.
        files: ['src/**/*.ts'],
        ignores: ['src/azure/**', 'src/domain/**'],
        rules: { 'no-restricted-imports': 'off' },
    },
    // The layers run one way: domain (pure rules and models) <- azure (SDK access and mapping) <- the vscode layers.
    {
        files: ['src/domain/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    paths: [{ name: 'vscode', message: 'src/domain is pure: no vscode.' }],
                    patterns: [
                        {
                            group: ['@azure/*', '@microsoft/*', '../*', '!../domain/*'],
                            message:
                                'src/domain holds the pure rules and models: it imports nothing else of ours, and no SDK.',
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ['src/azure/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    paths: [{ name: 'vscode', message: 'src/azure stays free of vscode.' }],
                    patterns: [
                        {
                            group: ['../*', '!../domain', '!../domain/*'],
                            message: 'src/azure builds on src/domain only: the vscode layers sit above it.',
                        },
                    ],
                },
            ],
        },
    },
    {
        // The follow loop: one vscode-free class, its time injected; the vscode layer (src/operations) sits on it.
        files: ['src/follow/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    paths: [{ name: 'vscode', message: 'src/follow is the follow loop without vscode: no vscode.' }],
                    patterns: [
                        {
                            group: ['../*', '!../domain', '!../domain/*', '!../azure', '!../azure/*'],
                            message:
                                'src/follow builds on src/domain and src/azure only: the vscode layers sit above it.',
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ['src/ui/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        {
                            group: ['../commands/*', '../tree/*', '../webview/*', '../operations/*'],
                            message: 'src/ui is shared by the commands, views and panels: it does not import them.',
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ['test/**/*.ts'],
        rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
    },
    {
        files: ['**/*.js', '**/*.mjs'],
        languageOptions: {
            globals: {
                require: 'readonly',
                module: 'writable',
                __dirname: 'readonly',
                process: 'readonly',
                console: 'readonly',
            },
        },
        rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
);
