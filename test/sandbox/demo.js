'use strict';
// The data `npm run sandbox` and `npm start` serve: 30 days of calls up to now, a VBot history
// for a few customers (v2, and v3's customer history) and 30 days of a VBot v3 project's call log,
// so a person can try every operation by hand. With live calls on (option `liveCallsEveryMs`, or
// SANDBOX_LIVE_CALLS_MS=8000 in the environment; off by default), a call is made every so often
// for each webhook set: an OMICall call while a call webhook is registered, a VBot manual call
// while the VBot webhook is set.

const { DAY, generateCalls, generateVbotHistory, generateVbotV3Calls } = require('./seed');

const DEMO_VBOT = {
	vbotId: 'VB0001',
	projectCode: 'SIEUTHI-ABC',
	phones: ['0912345678', '0987654321', '0338889999'],
};

/**
 * `perDay` OMICall calls a day (in `callShape`: 'reference' or '2026', see generateCalls) and
 * `v3PerDay` VBot v3 calls a day, over the `days` days up to `now`.
 */
function seedDemo(
	sandbox,
	{
		now = Date.now(),
		days = 30,
		perDay = 120,
		v3PerDay = 72,
		callShape = 'reference',
		liveCallsEveryMs = Number(process.env.SANDBOX_LIVE_CALLS_MS ?? 0),
	} = {},
) {
	if (liveCallsEveryMs > 0) startLiveCalls(sandbox, liveCallsEveryMs);
	sandbox.calls.replace(
		generateCalls({
			from: now - days * DAY,
			to: now,
			perDay,
			seed: 2026,
			recordingBase: sandbox.url,
			shape: callShape,
		}),
	);
	sandbox.vbotCalls.replace(
		generateVbotV3Calls({ from: now - days * DAY, to: now, perDay: v3PerDay, seed: 2027 }),
	);
	sandbox.vbot.replace(
		DEMO_VBOT.phones.flatMap((phone, i) =>
			generateVbotHistory({
				vbotId: DEMO_VBOT.vbotId,
				projectCode: DEMO_VBOT.projectCode,
				phone,
				count: [75, 12, 0][i],
				newest: now - i * 3_600_000,
				seed: 100 + i,
				recordingBase: sandbox.url,
			}),
		),
	);
	return {
		calls: sandbox.calls.size,
		vbot: DEMO_VBOT,
		vbotV3: { calls: sandbox.vbotCalls.size, url: sandbox.vbotV3Url, apiKey: sandbox.vbotApiKey },
	};
}

/** A call for each webhook set, every `everyMs` ms until the sandbox closes; returns the stop. */
function startLiveCalls(sandbox, everyMs) {
	sandbox.webhooks.stopLiveCalls?.();
	let calling = false;
	const tick = async () => {
		if (calling) return;
		calling = true;
		try {
			if (sandbox.webhooks.omicall.has('call')) await sandbox.omicallCall();
			if (sandbox.vbotWebhook) await sandbox.vbotCall({ kind: 'manual' });
		} catch (error) {
			console.error('live call:', error);
		} finally {
			calling = false;
		}
	};
	const timer = setInterval(tick, everyMs).unref();
	sandbox.webhooks.stopLiveCalls = () => {
		clearInterval(timer);
		delete sandbox.webhooks.stopLiveCalls;
	};
	return sandbox.webhooks.stopLiveCalls;
}

module.exports = { seedDemo, startLiveCalls, DEMO_VBOT };
