import type { TriggerSource } from '../../CallHistoryTrigger/sources';
import type { NodeResource } from '../fields/descriptions';

/** A node's names as n8n shows and saves them. */
export interface NodeNames {
	/** The node type's name: saved workflows name it. */
	name: string;
	displayName: string;
	description: string;
}

/** A vendor in the nodes: its resources of the action node, and its trigger sources by value. */
export interface VendorNode {
	resources: NodeResource[];
	sources: Record<string, TriggerSource>;
}

/** The nodes of a package: their names and its vendors, first the default. */
export interface NodePackage {
	node: NodeNames;
	trigger: NodeNames;
	vendors: VendorNode[];
}

export const resourcesOf = (nodePackage: NodePackage) =>
	nodePackage.vendors.flatMap((vendor) => vendor.resources);

/** The trigger's sources, by the value of its Source parameter (saved workflows name them). */
export const sourcesOf = (nodePackage: NodePackage): Record<string, TriggerSource> =>
	Object.assign({}, ...nodePackage.vendors.map((vendor) => vendor.sources));
