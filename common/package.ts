// The package being built: `npm run packages` points this line at another file of ./packages.
export { PACKAGE } from './packages/callHistory';
