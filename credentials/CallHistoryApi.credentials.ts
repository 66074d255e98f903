import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { packageInfo } from '../common/platforms';
import {
	authenticateRequest,
	credentialProperties,
	credentialTest,
	obtainSession,
} from './credentialType';

/** The package's one credential type: its name and fields are those of the package's vendors. */
export class CallHistoryApi implements ICredentialType {
	name = packageInfo().credentialType;

	displayName = packageInfo().credentialDisplayName;

	icon: Icon = {
		light: 'file:../icons/callHistory.svg',
		dark: 'file:../icons/callHistory.dark.svg',
	};

	documentationUrl = packageInfo().documentationUrl;

	properties: INodeProperties[] = credentialProperties();

	/**
	 * Gets a token with the API key or the username and password. n8n calls this when the stored
	 * session token is empty or a request was answered with HTTP 401, then stores what it returns.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await obtainSession(this, credentials);
	}

	/**
	 * Code rather than a `generic` block: n8n renders a block's expressions for every request in
	 * its expression sandbox, about 1.4 ms of a worker's CPU per request on n8n 2.40
	 * (bench/profileWorker.js).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authenticateRequest(credentials, requestOptions);
	}

	test: ICredentialTestRequest = credentialTest();
}
