import { resourceProperties, type NodeResource } from '../../../../fields/descriptions';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getReport from './getReport.operation';
import * as update from './update.operation';

/** Call: OMICall's Call History API. */
export const callResource: NodeResource = {
	option: { name: 'Call', value: 'call', description: "Calls of OMICall's Call History API" },
	properties: resourceProperties('call', 'getMany', [get, getMany, getReport, update]),
};
