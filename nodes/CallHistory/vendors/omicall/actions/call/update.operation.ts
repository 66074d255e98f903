import {
	updateDisplayOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { optionsOf, runThrough, simplifyOption } from '../../../../fields/descriptions';
import { requireText, setTags } from '../../../../fields/parameters';
import { CHANGE_PATH } from '../../api';
import { sendForCall, transactionIdField } from './get.operation';

const properties: INodeProperties[] = [
	transactionIdField,
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		required: true,
		typeOptions: { rows: 3 },
		default: '',
		description: 'The note to set on the call',
		routing: {
			send: {
				type: 'body',
				property: 'note',
				preSend: [
					requireText('note', 'Note', 'The vendor needs a note to update a call. Fill in Note.'),
				],
			},
		},
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'vip, goilaisau',
		description:
			'Comma-separated tags to set on the call, or an array of strings from an expression. Empty leaves the tags as they are; an empty array clears them.',
		routing: { send: { preSend: [setTags] } },
	},
	simplifyOption,
	optionsOf(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['update'] } },
	properties,
);

/** Call › Update runs as Call › Get does: one request, whose payload is the updated call. */
export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update the note and tags of a call',
	description: 'Set the note and tags of a call',
	routing: runThrough('POST', CHANGE_PATH, sendForCall),
};
