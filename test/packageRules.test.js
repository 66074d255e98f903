'use strict';
// What a package's list of vendors decides, loaded as n8n may load it: in any module order, and as
// a one-vendor package (the module that selects the package answered with a vendor's list, the
// seam `npm run packages` rewrites).

const path = require('node:path');

const DIST = path.join(__dirname, '..', 'dist');
const SELECTED = path.join(DIST, 'common', 'package.js');
const at = (file) => path.join(DIST, file);

/** Requires `file` in a fresh module registry where the package selected is `manifest`'s. */
function loadAs(manifest, file) {
	let loaded;
	jest.isolateModules(() => {
		jest.doMock(SELECTED, () => ({
			get PACKAGE() {
				return jest.requireActual(at(`common/packages/${manifest}.js`)).PACKAGE;
			},
		}));
		loaded = require(at(file));
	});
	jest.dontMock(SELECTED);
	return loaded;
}

test.each(['omicall', 'vbot'])(
	"loading %s's credentials module first still gives the package every vendor",
	(vendor) => {
		jest.isolateModules(() => {
			require(at(`nodes/CallHistory/vendors/${vendor}/credentials.js`));
			const { PACKAGE } = require(at('common/packages/callHistory.js'));
			expect(PACKAGE.vendors.map((v) => v?.vendor)).toEqual(['OMICall', 'VBot']);
			const { CallHistoryApi } = require(at('credentials/CallHistoryApi.credentials.js'));
			const platform = new CallHistoryApi().properties.find((p) => p.name === 'platform');
			expect(platform.options.map((o) => o.value)).toEqual(['callHistory', 'vbot', 'vbotV3']);
		});
	},
);

describe('the platform a credential saved before Platform existed speaks', () => {
	const saved = (baseUrl) => ({ baseUrl, authentication: 'accessToken' });

	test('the combined package reads it from the Base URL, /v3.0 in any case', () => {
		const { platformOf } = loadAs('callHistory', 'common/platforms.js');
		expect(platformOf(saved('https://open-api-h01.vbot.vn/v2.0'))).toBe('vbot');
		expect(platformOf(saved('https://open-api-h01.vbot.vn/v3.0'))).toBe('vbotV3');
		expect(platformOf(saved('https://open-api-h01.vbot.vn/V3.0/'))).toBe('vbotV3');
		expect(platformOf(saved('https://public-v1.omicall.com'))).toBe('callHistory');
	});

	test('a one-vendor package never guesses: its credentials were all saved with Platform', () => {
		const { platformOf } = loadAs('vbot', 'common/platforms.js');
		expect(platformOf({ baseUrl: 'https://open-api-h01.vbot.vn/v3.0' })).toBe('vbot');
	});
});

describe("a one-vendor package sends a secret to its vendor's hosts alone", () => {
	const omicall = (baseUrl) => ({ platform: 'callHistory', authentication: 'apiKey', baseUrl });

	test.each([
		['another host', 'https://crm.example.com/api', 'Base URL host crm.example.com is not OMICall'],
		[
			'a Base URL that is no URL',
			'public-v1.omicall.com',
			'Base URL "public-v1.omicall.com" is not a URL',
		],
		['an empty Base URL', '', 'Base URL "" is not a URL'],
	])('refuses %s', (_, baseUrl, refusal) => {
		const { secretRefusal } = loadAs('omicall', 'common/destinations.js');
		expect(secretRefusal(omicall(baseUrl), `${baseUrl}/api/auth`)).toContain(refusal);
	});

	test("allows the vendor's own hosts and loopback", () => {
		const { secretRefusal } = loadAs('omicall', 'common/destinations.js');
		for (const baseUrl of ['https://public-v1.omicall.com', 'http://127.0.0.1:3000']) {
			expect(secretRefusal(omicall(baseUrl), `${baseUrl}/api/auth`)).toBeUndefined();
		}
	});

	test('the combined package leaves any host to the user', () => {
		const { secretRefusal } = loadAs('callHistory', 'common/destinations.js');
		expect(secretRefusal(omicall('https://crm.example.com'), 'https://crm.example.com/x')).toBe(
			undefined,
		);
	});
});
