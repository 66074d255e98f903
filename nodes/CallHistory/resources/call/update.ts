import type { INodeProperties } from 'n8n-workflow';
import { requireText, setTags } from '../../shared/parameters';

const showOnlyForUpdate = { resource: ['call'], operation: ['update'] };

export const callUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		required: true,
		typeOptions: { rows: 3 },
		displayOptions: { show: showOnlyForUpdate },
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
		displayOptions: { show: showOnlyForUpdate },
		default: '',
		placeholder: 'vip, goilaisau',
		description:
			'Comma-separated tags to set on the call, or an array of strings from an expression. Empty leaves the tags as they are; an empty array clears them.',
		routing: { send: { preSend: [setTags] } },
	},
];
