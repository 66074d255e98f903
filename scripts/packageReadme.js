'use strict';
// Each package's README (its npm page), from one text, docs/packages/README.template.md, so the
// three never drift: `{{name}}`-style fields are the package's, a block between
// `<!-- vendor:<v> -->` and `<!-- /vendor -->` is kept only in packages that hold vendor <v>, and
// one between `<!-- package:<m> -->` and `<!-- /package -->` only in the package of manifest <m>.

const fs = require('node:fs');
const path = require('node:path');

const TEMPLATE = path.join(__dirname, '..', 'docs', 'packages', 'README.template.md');

/** `names`: what the built package calls its node and credential (nodeTitle, credentialTitle). */
function packageReadme(pkg, names, template = fs.readFileSync(TEMPLATE, 'utf8')) {
	const kept = template
		.replace(/<!-- vendor:([a-z]+) -->\n?([\s\S]*?)<!-- \/vendor -->\n?/g, (_, vendor, text) =>
			pkg.vendors.includes(vendor) ? text : '',
		)
		.replace(/<!-- package:([A-Za-z]+) -->\n?([\s\S]*?)<!-- \/package -->\n?/g, (_, name, text) =>
			pkg.manifest === name ? text : '',
		);
	const fields = { ...pkg, ...names };
	// Prettier keeps the template's blocks apart with blank lines, which would end a table early.
	const text = kept.replace(/\n{3,}/g, '\n\n').replace(/(^\|.*\|)\n(?:[ \t]*\n)+(?=\|)/gm, '$1\n');
	return text.replace(/\{\{(\w+)\}\}/g, (whole, field) => {
		if (!(field in fields)) throw new Error(`README template: ${whole} is no field of a package`);
		return String(fields[field]);
	});
}

module.exports = { packageReadme };
