'use strict';
// Each package's README (its npm page), from one text, docs/packages/README.template.md, so the
// three never drift: `{{name}}`-style fields are the package's, and a block between
// `<!-- vendor:<v> -->` and `<!-- /vendor -->` is kept only in packages that hold vendor <v>.

const fs = require('node:fs');
const path = require('node:path');

const TEMPLATE = path.join(__dirname, '..', 'docs', 'packages', 'README.template.md');

function packageReadme(pkg, template = fs.readFileSync(TEMPLATE, 'utf8')) {
	const kept = template.replace(
		/<!-- vendor:([a-z]+) -->\n?([\s\S]*?)<!-- \/vendor -->\n?/g,
		(_, vendor, text) => (pkg.vendors.includes(vendor) ? text : ''),
	);
	return kept.replace(/\{\{(\w+)\}\}/g, (whole, field) => {
		if (!(field in pkg)) throw new Error(`README template: ${whole} is no field of a package`);
		return String(pkg[field]);
	});
}

module.exports = { packageReadme };
