'use strict';
// The two servers n8n's queue mode needs, from Debian's packages, started by hand for one run: a
// PostgreSQL cluster and a Redis server, each with its data folder under the run's folder and a
// free port on 127.0.0.1, no system service. Postgres refuses to run as root, so as root it runs
// as the `postgres` user that Debian's package creates; Redis runs as whoever starts it.

const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { freePort, waitFor } = require('./n8n');

/** Installs a Debian package when `present()` says it is missing, as .ci/run installs Chromium. */
function ensureDebianPackage(name, present, log) {
	if (present()) return;
	log(`Installing Debian's ${name} (once; later runs reuse it)...`);
	const install = () =>
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', name], {
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	try {
		install();
	} catch {
		execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
		install();
	}
	if (!present()) throw new Error(`apt-get installed ${name}, but its programs are not there`);
}

/** The newest installed PostgreSQL's bin folder (Debian keeps it off PATH), if any. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function hasProgram(name) {
	try {
		execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** Who a server that refuses root runs as: nobody else when not root, else `postgres`. */
function unprivilegedUser() {
	if (process.getuid() !== 0) return {};
	const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
	return { uid: id('-u'), gid: id('-g') };
}

/** A server process in its own group, its output in `logFile`; stop() ends it and waits. */
function startProcess(command, args, { logFile, user = {}, env = process.env, stopSignal }) {
	const log = fs.openSync(logFile, 'a');
	const child = spawn(command, args, {
		stdio: ['ignore', log, log],
		detached: true,
		env,
		...user,
	});
	fs.closeSync(log);
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve(code ?? signal)),
	);
	const signal = (name) => {
		try {
			process.kill(-child.pid, name);
		} catch {
			// already gone
		}
	};
	return {
		child,
		exited,
		gone: () => child.exitCode !== null || child.signalCode !== null,
		async stop({ timeoutMs = 10_000 } = {}) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			signal(stopSignal);
			const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
			await exited;
			clearTimeout(timer);
		},
	};
}

function tail(file, chars = 2000) {
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-chars) : '';
}

/**
 * A fresh PostgreSQL cluster in `dir` on a free port, with a database `n8n` owned by the user
 * `n8n` and a random password. Durability is off (fsync, synchronous commit): the cluster lives
 * for one run. Returns { host, port, database, user, password, logFile, stop }.
 */
async function startPostgres({ dir, log = console.log }) {
	ensureDebianPackage('postgresql', () => postgresBin() !== undefined, log);
	const bin = postgresBin();
	const user = unprivilegedUser();
	const data = path.join(dir, 'data');
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	const password = crypto.randomBytes(12).toString('hex');
	const passwordFile = path.join(dir, 'password');
	fs.writeFileSync(passwordFile, password, { mode: 0o600 });
	if (user.uid !== undefined) {
		fs.chownSync(dir, user.uid, user.gid);
		fs.chownSync(passwordFile, user.uid, user.gid);
	}
	const logFile = path.join(dir, 'postgres.log');
	const env = { ...process.env, LC_ALL: 'C' };
	execFileSync(
		path.join(bin, 'initdb'),
		[
			`--pgdata=${data}`,
			'--username=n8n',
			`--pwfile=${passwordFile}`,
			'--auth=scram-sha-256',
			'--encoding=UTF8',
			'--no-sync',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'], env, ...user },
	);
	fs.rmSync(passwordFile);
	const port = await freePort();
	const server = startProcess(
		path.join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${dir}`,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		// SIGINT is Postgres's fast shutdown: it ends the sessions and stops at once.
		{ logFile, user, env, stopSignal: 'SIGINT' },
	);
	const client = { ...env, PGPASSWORD: password };
	const connect = ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n'];
	try {
		await waitFor(
			() => {
				if (server.gone()) return true;
				execFileSync(path.join(bin, 'pg_isready'), [...connect, '-d', 'postgres'], {
					stdio: 'ignore',
					env: client,
				});
				return true;
			},
			{ timeoutMs: 30_000, what: `PostgreSQL accepting connections on port ${port}` },
		);
		if (server.gone()) throw new Error('PostgreSQL exited while starting');
		execFileSync(path.join(bin, 'createdb'), [...connect, 'n8n'], { stdio: 'ignore', env: client });
	} catch (error) {
		await server.stop();
		throw new Error(`${error.message}\n${tail(logFile)}`);
	}
	return {
		host: '127.0.0.1',
		port,
		database: 'n8n',
		user: 'n8n',
		password,
		logFile,
		stop: () => server.stop(),
	};
}

/** Whether a Redis server answers PING on `port`. */
function pingRedis(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

/**
 * A Redis server with its folder `dir`, on a free port of 127.0.0.1, keeping nothing on disk.
 * Returns { host, port, logFile, stop }.
 */
async function startRedis({ dir, log = console.log }) {
	ensureDebianPackage('redis-server', () => hasProgram('redis-server'), log);
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const server = startProcess(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ logFile, stopSignal: 'SIGTERM' },
	);
	try {
		await waitFor(async () => server.gone() || (await pingRedis(port)), {
			timeoutMs: 15_000,
			what: `Redis answering on port ${port}`,
		});
		if (server.gone()) throw new Error('Redis exited while starting');
	} catch (error) {
		await server.stop();
		throw new Error(`${error.message}\n${tail(logFile)}`);
	}
	return { host: '127.0.0.1', port, logFile, stop: () => server.stop() };
}

module.exports = { startPostgres, startRedis };
