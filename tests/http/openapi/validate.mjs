// tests/http/openapi/validate.mjs - test `openapi` of suite `http`.
//
//   node validate.mjs WHOSAID SOURCE_ROOT WORK_DIR
//
// Checks that docs/openapi.json is a valid OpenAPI 3.1 document, then
// starts the real daemon on 127.0.0.1 port 0 and validates its answers
// against the document: the short story in tests/http/data/story.txt,
// the seed story (../shared/data/seed, only when it is there), stories
// by URL from tests/fetch/fixture.py (a web server on 127.0.0.1), a
// batch, every GET route, the preflights, and one request for each
// error the API gives. For each answer: the status is documented for the path and
// method, the media type is one the document lists, the body validates
// against the schema (each line, for NDJSON), and the documented headers
// present validate against theirs.
//
// The validators come from npm (package.json and package-lock.json next
// to this file), installed with `npm ci` into WORK_DIR/node_modules the
// first time. WS_TEST_WRAPPER (the valgrind setup) runs the daemon under
// a wrapper and makes every wait ten times longer. Nothing here talks to
// any address but 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [whosaid, root, work] = process.argv.slice(2);
if (!work) {
	console.error('usage: validate.mjs WHOSAID SOURCE_ROOT WORK_DIR');
	process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const wrapper = (process.env.WS_TEST_WRAPPER || '').split(' ').filter(Boolean);
const scale = wrapper.length ? 10 : 1;
let failures = 0;
let checks = 0;

function fail(what, why) {
	failures++;
	console.log(`not ok - ${what}: ${why}`);
}

// ---- npm packages ----------------------------------------------------------

function install() {
	const lock = fs.readFileSync(path.join(here, 'package-lock.json'));
	const stamp = path.join(work, 'node_modules', '.whosaid-lock');
	if (fs.existsSync(stamp) && fs.readFileSync(stamp).equals(lock))
		return;
	fs.mkdirSync(work, { recursive: true });
	for (const f of ['package.json', 'package-lock.json'])
		fs.copyFileSync(path.join(here, f), path.join(work, f));
	console.log(`# npm ci in ${work}`);
	try {
		execFileSync('npm', ['ci', '--no-audit', '--no-fund',
			'--loglevel=error'],
			{ cwd: work, stdio: ['ignore', 'inherit', 'inherit'] });
	} catch (e) {
		console.log('not ok - npm ci failed: this test needs npm and the ' +
			`npm registry once (${e.message})`);
		process.exit(1);
	}
	fs.writeFileSync(stamp, lock);
}

install();
const require = createRequire(path.join(work, 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const { Validator } = await import(pathToFileURL(
	require.resolve('@seriousme/openapi-schema-validator')).href);

// ---- the document ----------------------------------------------------------

const docPath = path.join(root, 'docs', 'openapi.json');
const docBytes = fs.readFileSync(docPath);
const doc = JSON.parse(docBytes);
{
	const result = await new Validator().validate(structuredClone(doc));
	checks++;
	if (!result.valid)
		fail('docs/openapi.json', 'not a valid OpenAPI 3.1 document: ' +
			JSON.stringify(result.errors).slice(0, 2000));
}
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'paths',
	'components', 'x-item-schema']);
ajv.addSchema(doc, 'openapi.json');

const esc = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// The object at a JSON pointer, following a $ref there; with its pointer.
function at(pointer) {
	let obj = doc;
	for (const part of pointer.split('/').slice(1))
		obj = obj?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
	if (obj && obj.$ref && obj.$ref.startsWith('#/'))
		return at(obj.$ref.slice(1));
	return { obj, pointer };
}

function validator(pointer) {
	const v = ajv.getSchema('openapi.json#' + pointer);
	if (!v)
		throw new Error(`no schema at ${pointer}`);
	return v;
}

function schemaCheck(what, pointer, value) {
	const v = validator(pointer);
	checks++;
	if (!v(value)) {
		fail(what, `does not match ${pointer}: ` +
			JSON.stringify(v.errors.slice(0, 5)));
		return false;
	}
	return true;
}

// The documented response for an answer: the operation's, by status or
// default; for an unknown path or method, the shared 404/405 ones.
// Answers given before any route is found, by status.
const early = { 404: 'NotFound', 408: 'RequestTimeout', 414: 'UriTooLong',
	431: 'HeaderFieldsTooLarge', 503: 'ServiceUnavailable' };

function documented(method, p, status) {
	const item = doc.paths[p];
	if (!item)
		return at(`/components/responses/${early[status] || 'NotFound'}`);
	const op = item[method.toLowerCase()] ||
		(method === 'HEAD' ? item.get : undefined);
	if (!op)
		return at('/components/responses/MethodNotAllowed');
	const base = `/paths/${esc(p)}/${method === 'HEAD' && !item.head ? 'get' :
		method.toLowerCase()}/responses`;
	if (op.responses[String(status)])
		return at(`${base}/${status}`);
	if (op.responses.default)
		return at(`${base}/default`);
	return { obj: undefined, pointer: `${base}/${status}` };
}

// Validate one answer against the document. Returns the parsed body.
function check(what, req, res, expect) {
	const p = req.path.split('?')[0];
	checks++;
	if (res.status !== expect) {
		fail(what, `status ${res.status}, expected ${expect}: ` +
			res.body.toString().slice(0, 300));
		return undefined;
	}
	const { obj: resp, pointer } = documented(req.method, p, res.status);
	if (!resp) {
		fail(what, `status ${res.status} is not documented for ` +
			`${req.method} ${p}`);
		return undefined;
	}
	for (const [name, h] of Object.entries(resp.headers || {})) {
		const value = res.headers[name.toLowerCase()];
		const hs = at(`${pointer}/headers/${esc(name)}`);
		if (value === undefined)
			continue;
		const typed = hs.obj.schema?.type === 'integer' ? Number(value) : value;
		schemaCheck(`${what}: header ${name}`, `${hs.pointer}/schema`, typed);
	}
	if (resp.headers?.['X-Request-Id'] && !res.headers['x-request-id'])
		fail(what, 'no X-Request-Id');
	if (res.status === 204 || req.method === 'HEAD') {
		if (res.body.length)
			fail(what, 'a body where none is allowed');
		return undefined;
	}
	if (!resp.content)
		return undefined; /* documented in prose: libmicrohttpd's pages */
	const type = (res.headers['content-type'] || '').split(';')[0].trim();
	if (!resp.content[type]) {
		fail(what, `media type "${type}" is not documented at ${pointer}`);
		return undefined;
	}
	const media = `${pointer}/content/${esc(type)}`;
	const text = res.body.toString('utf8');
	if (type === 'application/x-ndjson') {
		const lines = text.split('\n').filter((l) => l.length);
		const items = lines.map((l) => JSON.parse(l));
		items.forEach((item, i) => schemaCheck(`${what}: line ${i + 1}`,
			`${media}/x-item-schema`, item));
		return items;
	}
	if (type.endsWith('json')) {
		let body;
		try {
			body = JSON.parse(text);
		} catch (e) {
			fail(what, `body is not JSON: ${e.message}`);
			return undefined;
		}
		schemaCheck(what, `${media}/schema`, body);
		return body;
	}
	schemaCheck(what, `${media}/schema`, text);
	return text;
}

// ---- a raw HTTP/1.1 client --------------------------------------------------

// Parse one response from buf: {status, headers, body} or null if partial.
function parse(buf, head) {
	const end = buf.indexOf('\r\n\r\n');
	if (end < 0)
		return null;
	const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
	const status = Number(lines[0].split(' ')[1]);
	const headers = {};
	for (const l of lines.slice(1)) {
		const i = l.indexOf(':');
		headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
	}
	let rest = buf.subarray(end + 4);
	if (head || status === 204 || status === 304)
		return { status, headers, body: Buffer.alloc(0) };
	if (headers['transfer-encoding'] === 'chunked') {
		const parts = [];
		for (;;) {
			const nl = rest.indexOf('\r\n');
			if (nl < 0)
				return null;
			const size = parseInt(rest.subarray(0, nl).toString(), 16);
			if (size === 0)
				return rest.indexOf('\r\n', nl + 2) < 0 ? null :
					{ status, headers, body: Buffer.concat(parts) };
			if (rest.length < nl + 2 + size + 2)
				return null;
			parts.push(rest.subarray(nl + 2, nl + 2 + size));
			rest = rest.subarray(nl + 2 + size + 2);
		}
	}
	if (headers['content-length'] !== undefined) {
		const n = Number(headers['content-length']);
		return rest.length >= n ?
			{ status, headers, body: rest.subarray(0, n) } : null;
	}
	return null; /* read to close */
}

// Send raw bytes, read one response (or until the peer closes).
function raw(port, bytes, { head = false, wait = 10000, hold = false } = {}) {
	return new Promise((resolve) => {
		const sock = net.connect(port, '127.0.0.1');
		let buf = Buffer.alloc(0);
		let done = false;
		const finish = (r) => {
			if (done)
				return;
			done = true;
			clearTimeout(timer);
			if (!hold)
				sock.destroy();
			resolve(r);
		};
		const timer = setTimeout(() => finish(parse(buf, head) ||
			{ status: 0, headers: {}, body: buf }), wait * scale);
		sock.on('data', (d) => {
			buf = Buffer.concat([buf, d]);
			const r = parse(buf, head);
			if (r)
				finish(r);
		});
		sock.on('end', () => {
			const r = parse(buf, head);
			if (r)
				return finish(r);
			const end = buf.indexOf('\r\n\r\n');
			finish(end < 0 ? { status: 0, headers: {}, body: buf } :
				{ ...parse(Buffer.concat([buf.subarray(0, end + 4)]), true),
					body: buf.subarray(end + 4) });
		});
		sock.on('error', () => finish({ status: 0, headers: {}, body: buf }));
		if (bytes !== null)
			sock.write(bytes);
	});
}

// A request from parts; body a string or Buffer (Content-Length set).
function request(port, method, p, { body, type, headers = {} } = {}) {
	let head = `${method} ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\n`;
	if (type)
		head += `Content-Type: ${type}\r\n`;
	for (const [k, v] of Object.entries(headers))
		head += `${k}: ${v}\r\n`;
	const data = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
	if (body !== undefined)
		head += `Content-Length: ${data.length}\r\n`;
	const bytes = Buffer.concat([Buffer.from(head + '\r\n', 'latin1'), data]);
	return raw(port, bytes, { head: method === 'HEAD' });
}

// ---- the daemon and the web server it fetches from ---------------------------

// tests/fetch/fixture.py on 127.0.0.1: the process, with its port.
function startFixture() {
	return new Promise((resolve, reject) => {
		const child = spawn('python3',
			[path.join(root, 'tests', 'fetch', 'fixture.py')],
			{ stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		const timer = setTimeout(() => reject(new Error(
			`fixture.py printed no port: ${out}`)), 10000);
		child.stdout.on('data', (d) => {
			out += d.toString();
			const m = out.match(/^port (\d+)$/m);
			if (m && !child.port) {
				child.port = Number(m[1]);
				clearTimeout(timer);
				resolve(child);
			}
		});
		child.on('exit', (code) => reject(new Error(
			`fixture.py exited (${code})`)));
	});
}

function start(env) {
	return new Promise((resolve, reject) => {
		const argv = [...wrapper, whosaid, 'serve', '--port', '0'];
		const clean = Object.fromEntries(Object.entries(process.env)
			.filter(([k]) => !k.startsWith('WHOSAID_')));
		const child = spawn(argv[0], argv.slice(1), {
			env: { ...clean, ...env }, stdio: ['ignore', 'ignore', 'pipe'],
		});
		let log = '';
		const timer = setTimeout(() => reject(new Error(
			`no "listening" line: ${log}`)), 10000 * scale);
		child.stderr.on('data', (d) => {
			log += d.toString();
			const m = log.match(/"event":"listening".*?"port":(\d+)/);
			if (m && !child.port) {
				child.port = Number(m[1]);
				clearTimeout(timer);
				resolve(child);
			}
		});
		child.on('exit', (code) => reject(new Error(
			`the daemon exited (${code}): ${log}`)));
		child.log = () => log;
	});
}

function stop(child) {
	return new Promise((resolve) => {
		child.removeAllListeners('exit');
		child.on('exit', (code) => {
			if (code !== 0)
				fail('daemon', `exit status ${code} on SIGTERM: ` +
					child.log().slice(-2000));
			resolve();
		});
		child.kill('SIGTERM');
	});
}

// ---- the cases ---------------------------------------------------------------

const story = fs.readFileSync(path.join(root, 'tests/http/data/story.txt'));
const seedPath = path.resolve(root, '../shared/data/seed/ap-biden-putin-call.txt');
const seed = fs.existsSync(seedPath) ? fs.readFileSync(seedPath) : null;
const TEXT = 'text/plain; charset=utf-8';
const JSONT = 'application/json';

// Each quote's content text is the story's text between its offsets.
function spansMatch(what, text, body) {
	const cps = Array.from(text.toString('utf8'));
	for (const q of body?.quotes || []) {
		const got = cps.slice(q.content.start, q.content.end).join('');
		checks++;
		if (got !== q.content.text) {
			fail(what, `quote ${q.id} content is "${q.content.text}" ` +
				`but the story has "${got}" there`);
			return;
		}
	}
}

async function cases(port, web) {
	const post = (p, body, type, headers) =>
		request(port, 'POST', p, { body, type, headers });
	const page = (p) => `http://127.0.0.1:${web}${p}`;
	let req, res, body;

	req = { method: 'POST', path: '/v1/annotate' };
	res = await post(req.path, story, TEXT, { 'X-Request-Id': 'story-1' });
	body = check('the story as text', req, res, 200);
	if (res.headers['x-request-id'] !== 'story-1')
		fail('the story as text', 'X-Request-Id not echoed');
	if (!body?.quotes?.length)
		fail('the story as text', 'no quotes found');
	spansMatch('the story as text', story, body);
	for (const unit of ['codepoint', 'utf16', 'utf8']) {
		req = { method: 'POST', path: `/v1/annotate?offsets=${unit}` };
		body = check(`the story, offsets=${unit}`, req,
			await post(req.path, story, TEXT), 200);
		if (body && body.offsets !== unit)
			fail(`offsets=${unit}`, `answer says ${body.offsets}`);
	}
	req = { method: 'POST', path: '/v1/annotate' };
	body = check('the story as JSON', req, await post(req.path,
		JSON.stringify({ id: 's-1', title: 'Pier to close',
			text: story.toString(), options: { offsets: 'utf16' } }),
		JSONT), 200);
	if (body && (body.id !== 's-1' || body.offsets !== 'utf16'))
		fail('the story as JSON', 'id or offsets not as asked');
	body = check('a number id', req, await post(req.path,
		JSON.stringify({ id: 12.5, text: story.toString() }), JSONT), 200);
	if (body && body.id !== 12.5)
		fail('a number id', `id ${body.id}`);
	if (seed) {
		body = check('the seed story', req, await post(req.path, seed, TEXT),
			200);
		spansMatch('the seed story', seed, body);
		check('the seed story as JSON', req, await post(req.path,
			JSON.stringify({ id: 'seed', text: seed.toString() }), JSONT), 200);
	} else {
		console.log('# the seed story is not there: skipped');
	}

	// Stories by URL: the text answer plus "article" and "text", every
	// span an offset into that text.
	req = { method: 'POST', path: '/v1/annotate' };
	for (const p of ['/wire', '/plain-story', '/text', '/redirect/2']) {
		body = check(`the url ${p}`, req, await post(req.path,
			JSON.stringify({ id: p, url: page(p) }), JSONT), 200);
		if (body && (!body.quotes?.length || typeof body.text !== 'string' ||
		    !body.article?.url))
			fail(`the url ${p}`, 'no quotes, text or article');
		if (body)
			spansMatch(`the url ${p}`, Buffer.from(body.text), body);
	}

	// A batch: good lines, bad lines, a blank line.
	req = { method: 'POST', path: '/v1/annotate/batch' };
	const lines = [
		JSON.stringify({ id: 'a', text: story.toString() }),
		'{"id": "b", "text": ',
		'',
		JSON.stringify({ text: 'Pier, she said: "It is over."' }),
		JSON.stringify({ id: 'c', text: '   ' }),
		JSON.stringify({ id: 'd', url: 'https://example.com/story' }),
		JSON.stringify({ id: 9, text: story.toString(),
			options: { offsets: 'utf8' } }),
	];
	if (seed)
		lines.push(JSON.stringify({ id: 'seed', text: seed.toString() }));
	const items = check('a batch', req, await post(req.path,
		lines.join('\n') + '\n', 'application/x-ndjson'), 200);
	if (items) {
		const want = lines.filter((l) => l.length).length;
		if (items.length !== want)
			fail('a batch', `${items.length} lines for ${want}`);
		const errs = items.filter((i) => i.error).map((i) => i.line);
		if (JSON.stringify(errs) !== '[2,5,6]')
			fail('a batch', `error lines ${JSON.stringify(errs)}`);
		if (items[2]?.id !== 4)
			fail('a batch', 'a line without id gets its line number');
	}

	for (const p of ['/healthz', '/readyz', '/version', '/metrics',
		'/openapi.json']) {
		req = { method: 'GET', path: p };
		res = await request(port, 'GET', p);
		body = check(`GET ${p}`, req, res, 200);
		if (p === '/openapi.json' && !res.body.equals(docBytes))
			fail('GET /openapi.json', 'not the bytes of docs/openapi.json');
		if (p === '/metrics' && !/whosaid_http_requests_total\{/.test(body))
			fail('GET /metrics', 'no request counts');
	}
	req = { method: 'HEAD', path: '/healthz' };
	check('HEAD /healthz', req, await request(port, 'HEAD', '/healthz'), 200);

	// Preflights.
	req = { method: 'OPTIONS', path: '/v1/annotate' };
	res = await request(port, 'OPTIONS', req.path);
	check('OPTIONS', req, res, 204);
	if (res.headers.allow !== 'POST, OPTIONS')
		fail('OPTIONS', `Allow: ${res.headers.allow}`);
	res = await request(port, 'OPTIONS', req.path, { headers: {
		Origin: 'https://newsroom.example',
		'Access-Control-Request-Method': 'POST' } });
	check('a preflight', req, res, 204);
	if (res.headers['access-control-allow-origin'] !== 'https://newsroom.example' ||
	    !res.headers['access-control-max-age'])
		fail('a preflight', 'no CORS headers for an allowed origin');
	res = await request(port, 'OPTIONS', req.path, { headers: {
		Origin: 'https://evil.example',
		'Access-Control-Request-Method': 'POST' } });
	check('a preflight from elsewhere', req, res, 204);
	if (res.headers['access-control-allow-origin'])
		fail('a preflight from elsewhere', 'CORS headers for a stranger');
	res = await post('/v1/annotate', story, TEXT,
		{ Origin: 'https://newsroom.example' });
	check('a CORS call', { method: 'POST', path: '/v1/annotate' }, res, 200);
	if (res.headers.vary !== 'Origin' ||
	    res.headers['access-control-allow-origin'] !== 'https://newsroom.example')
		fail('a CORS call', 'no Vary or Access-Control-Allow-Origin');

	// Errors.
	const A = { method: 'POST', path: '/v1/annotate' };
	const errors = [
		['malformed JSON', A, () => post(A.path, '{"text": "a",}', JSONT), 400,
			(b) => b.line === 1 && b.column > 0],
		['text of the wrong type', A, () => post(A.path, '{"text": 5}', JSONT), 400],
		['no text', A, () => post(A.path, '{"id": "x"}', JSONT), 400],
		['an unknown member', A, () => post(A.path,
			'{"text": "a", "txt": "b"}', JSONT), 400],
		['not an object', A, () => post(A.path, '["a"]', JSONT), 400],
		['a duplicate member', A, () => post(A.path,
			'{"text": "a", "text": "b"}', JSONT), 400],
		['bad options.offsets', A, () => post(A.path,
			'{"text": "a", "options": {"offsets": "bytes"}}', JSONT), 400],
		['bad offsets parameter', { method: 'POST', path: '/v1/annotate?offsets=x' },
			() => post('/v1/annotate?offsets=x', story, TEXT), 400],
		['invalid UTF-8 text', A, () => post(A.path,
			Buffer.from([0x48, 0x69, 0x20, 0xff, 0x21]), TEXT), 400,
			(b) => b.offset === 3],
		['invalid UTF-8 in JSON', A, () => post(A.path,
			Buffer.concat([Buffer.from('{"text": "a'), Buffer.from([0xc3, 0x28]),
				Buffer.from('"}')]), JSONT), 400, (b) => b.offset >= 0],
		['an unknown path', { method: 'GET', path: '/nope' },
			() => request(port, 'GET', '/nope'), 404],
		['GET on a POST path', { method: 'GET', path: '/v1/annotate' },
			() => request(port, 'GET', '/v1/annotate'), 405],
		['POST on a GET path', { method: 'POST', path: '/healthz' },
			() => post('/healthz', 'x', TEXT), 405],
		['no length', A, () => raw(port, 'POST /v1/annotate HTTP/1.1\r\n' +
			'Host: 127.0.0.1\r\nContent-Type: text/plain\r\n\r\n'), 411],
		['a Content-Length over the limit', A, () => raw(port,
			'POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
			'Content-Type: text/plain\r\nContent-Length: 9999999\r\n\r\n'), 413,
			(b) => b.limit === 65536],
		['a chunked body over the limit', A, () => raw(port,
			'POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
			'Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n' +
			'10000\r\n' + 'a'.repeat(65536) + '\r\n10\r\n' + 'b'.repeat(16) +
			'\r\n0\r\n\r\n'), 413],
		['text/html', A, () => post(A.path, '<p>hi</p>', 'text/html'), 415],
		['latin1', A, () => post(A.path, 'hi', 'text/plain; charset=latin1'), 415],
		['no Content-Type', A, () => post(A.path, 'hi'), 415],
		['a batch as text', { method: 'POST', path: '/v1/annotate/batch' },
			() => post('/v1/annotate/batch', '{}', TEXT), 415],
		['empty text', A, () => post(A.path, '', TEXT), 422],
		['white space', A, () => post(A.path, ' \n\t\u00a0\u3000', TEXT), 422],
		['a url that is not http', A, () => post(A.path,
			'{"url": "ftp://127.0.0.1/a"}', JSONT), 422,
			(b) => b.type === 'tag:whosaid,2026:fetch-bad-url'],
		['text and url', A, () => post(A.path,
			JSON.stringify({ text: 'a', url: page('/wire') }), JSONT), 400,
			(b) => b.type === 'tag:whosaid,2026:text-and-url'],
		['a url that answers 404', A, () => post(A.path,
			JSON.stringify({ url: page('/missing') }), JSONT), 502,
			(b) => b.upstream_status === 404 && b.url === page('/missing')],
		['a url to a PDF', A, () => post(A.path,
			JSON.stringify({ url: page('/doc.pdf') }), JSONT), 422,
			(b) => b.type === 'tag:whosaid,2026:fetch-unsupported-type'],
		['a url that never ends', A, () => post(A.path,
			JSON.stringify({ url: page('/slow') }), JSONT), 504,
			(b) => b.type === 'tag:whosaid,2026:fetch-timeout'],
		['a long request line', { method: 'GET', path: '/x' },
			() => request(port, 'GET', '/' + 'x'.repeat(70000)), 414],
		['large headers', { method: 'GET', path: '/healthz' },
			() => request(port, 'GET', '/healthz',
				{ headers: { 'X-Big': 'y'.repeat(40000) } }), 431],
	];
	for (const [what, r, send, status, extra] of errors) {
		body = check(what, r, await send(), status);
		if (body && extra && !extra(body))
			fail(what, `problem lacks its details: ${JSON.stringify(body)}`);
	}
}

// 503 at the connection limit and 408 past the request timeout.
async function limitCases(port) {
	// The connection at the limit is surely counted: it has had a
	// request answered, and stays open.
	const idle = net.connect(port, '127.0.0.1');
	await new Promise((r) => idle.on('connect', r));
	await new Promise((r) => {
		idle.once('data', r);
		idle.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
	});
	const req = { method: 'GET', path: '/healthz' };
	const res = await request(port, 'GET', '/healthz');
	check('past connection_limit', req, res, 503);
	if (!res.headers['retry-after'])
		fail('past connection_limit', 'no Retry-After');
	idle.destroy();
	await new Promise((r) => setTimeout(r, 200 * scale));
	check('after the limit', req, await request(port, 'GET', '/healthz'), 200);
	const slow = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n',
		{ wait: 5000 });
	check('a request past request_timeout', req, slow, 408);
}

let child, web;
try {
	web = await startFixture();
	child = await start({ WHOSAID_SERVER_MAX_BODY: '65536',
		WHOSAID_CORS_ORIGINS: 'https://newsroom.example',
		WHOSAID_FETCH_ALLOW_PRIVATE: 'true', WHOSAID_FETCH_TIMEOUT: '2' });
	await cases(child.port, web.port);
	await stop(child);
	child = await start({ WHOSAID_SERVER_CONNECTION_LIMIT: '1',
		WHOSAID_SERVER_REQUEST_TIMEOUT: String(scale),
		WHOSAID_SERVER_CONNECTION_TIMEOUT: String(2 * scale) });
	await limitCases(child.port);
	await stop(child);
	child = null;
} catch (e) {
	fail('run', e.stack || String(e));
	if (child)
		child.kill('SIGKILL');
}
if (web) {
	web.removeAllListeners('exit');
	web.kill('SIGKILL');
}
console.log(`# ${checks} checks, ${failures} failed`);
process.exit(failures ? 1 : 0);
