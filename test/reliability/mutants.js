'use strict';
// Mutants: the node with one check taken out, so a test can show that the check, and nothing
// else, is what makes it pass. Two seams, both public: a number's bounds, which the node reads
// from its own description (the typeOptions n8n's editor enforces), widened in that description;
// and a check of the table fields/checks.js exports, made to pass. Restored after the run.

const path = require('node:path');
const { DIST } = require('../harness/n8n');

const { CallHistory } = require(path.join(DIST, 'nodes/CallHistory/CallHistory.node.js'));
const { inputChecks } = require(path.join(DIST, 'nodes/CallHistory/fields/checks.js'));

const shownFor = (property, { resource, operation }) => {
	const show = property.displayOptions?.show ?? {};
	return show.resource?.includes(resource) && show.operation?.includes(operation);
};

/** The property at `of` ('limit', 'options.timeout') of the operation `parameters` run. */
function propertyOf(parameters, of) {
	const [name, option] = of.split('.');
	const top = new CallHistory().description.properties.find(
		(property) => property.name === name && shownFor(property, parameters),
	);
	const property = option ? top?.options?.find((o) => o.name === option) : top;
	if (!property) throw new Error(`no ${of} in ${parameters.resource} › ${parameters.operation}`);
	return property;
}

/** Runs `run` with `mutant` ({ check } or { bound: { of, minValue?, maxValue? } }) in place. */
async function withMutant(parameters, mutant, run) {
	let restore;
	if (mutant.check) {
		const original = inputChecks[mutant.check];
		if (typeof original !== 'function') throw new Error(`no check ${mutant.check}`);
		inputChecks[mutant.check] = () => true;
		restore = () => (inputChecks[mutant.check] = original);
	} else {
		const { of, ...bounds } = mutant.bound;
		const { typeOptions } = propertyOf(parameters, of);
		const saved = { ...typeOptions };
		Object.assign(typeOptions, bounds);
		restore = () => Object.assign(typeOptions, saved);
	}
	try {
		return await run();
	} finally {
		restore();
	}
}

module.exports = { withMutant };
