#!/usr/bin/env node
// `npm start`: the site in development (vite dev on 127.0.0.1:5173) and, once server/main.ts
// exists, the local WebSocket server (127.0.0.1:6455) side by side. Each line of output is
// prefixed with its source; Ctrl-C stops both, and when either stops the other is stopped too.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);

/** The JavaScript file behind a package's command-line tool, run with this same Node. */
function binOf(pkg, name) {
	const manifestPath = require.resolve(`${pkg}/package.json`);
	const { bin } = require(manifestPath);
	return join(dirname(manifestPath), typeof bin === 'string' ? bin : bin[name]);
}

const services = [
	{
		name: 'site',
		code: 36,
		args: [binOf('vite', 'vite'), 'dev', '--host', '127.0.0.1', '--port', '5173', '--strictPort'],
		urls: ['http://127.0.0.1:5173/ (English)', 'http://127.0.0.1:5173/ko/ (한국어)']
	}
];
if (existsSync(join(root, 'server/main.ts'))) {
	services.push({
		name: 'server',
		code: 35,
		args: [binOf('tsx', 'tsx'), 'server/main.ts', '--port', '6455', '--host', '127.0.0.1'],
		urls: ['ws://127.0.0.1:6455/ (echo)', 'ws://127.0.0.1:6455/_bytes (byte side channel)']
	});
}

const width = Math.max(...services.map((s) => s.name.length));
const children = [];
let stopping = false;

function stopAll(exitCode) {
	if (stopping) return;
	stopping = true;
	for (const child of children) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
	}
	// Give them a moment to close their sockets, then go.
	const timer = setTimeout(() => {
		for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
		process.exit(exitCode);
	}, 3000);
	timer.unref();
	const exited = children.map((child) =>
		child.exitCode !== null || child.signalCode !== null ? null : new Promise((resolve) => child.once('exit', resolve))
	);
	Promise.all(exited).then(() => process.exit(exitCode));
}

for (const service of services) {
	const prefix = paint(service.code, `[${service.name.padEnd(width)}]`);
	const child = spawn(process.execPath, service.args, {
		cwd: root,
		env: colour ? { ...process.env, FORCE_COLOR: '1' } : { ...process.env, NO_COLOR: '1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	for (const stream of [child.stdout, child.stderr]) {
		createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
	}
	child.on('exit', (code, signal) => {
		if (!stopping) {
			console.log(`${prefix} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
			stopAll(code || (signal ? 1 : 0));
		}
	});
	child.on('error', (error) => {
		console.error(`${prefix} could not start: ${error.message}`);
		stopAll(1);
	});
}

console.log(paint(1, '\nFrame by Frame'));
for (const service of services) {
	for (const url of service.urls) console.log(`  ${service.name.padEnd(width)}  ${url}`);
}
if (services.length === 1) console.log('  (server/main.ts not found: starting the site only)');
console.log('  Ctrl-C stops everything.\n');

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(0));
