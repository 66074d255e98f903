import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'dist-packages/**', 'node_modules/**', 'coverage/**', '.scratch/**'] },
	{
		// The node and credential: the rules n8n applies to verified community nodes.
		files: ['common/**/*.ts', 'nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			n8nCommunityNodesPlugin.configs.recommended,
		],
		rules: {
			'no-console': 'error',
		},
	},
	{
		files: ['package.json'],
		extends: [n8nCommunityNodesPlugin.configs.recommended],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		// The sandbox, the tests and the scripts run on Node.js, outside n8n.
		files: ['**/*.js'],
		extends: [js.configs.recommended],
		languageOptions: {
			sourceType: 'commonjs',
			globals: { ...globals.node, ...globals.jest },
		},
	},
);
