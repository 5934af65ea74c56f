// Every step of a simulation explained, in English and Korean: a sentence or two per step key
// (src/lib/trace/types.ts StepKey), from the step's parameters, which are the engines' facts (why a
// frame was sent, what arrived, what failed). Both tables are typed by the same keys, so a step
// without a sentence in either language is a type error. Also the words for a scenario parameter
// the reader typed that cannot be used (ParamIssue).
import type { HandshakeProblem, ProtocolError } from '$lib/protocol';
import type { KeyProblem, ParamIssue, ParamIssueCode } from '$lib/trace/params';
import type { ExplainParams, Step, StepKey } from '$lib/trace/types';
import { hex2 } from './format';
import { defineMessages, type Lang } from './lang';
import { closeCodeText, errorText, handshakeProblemText } from './protocol';
import { base64ProblemText } from './protocol/handshake';

type P = ExplainParams;
type StepWords = { readonly [K in StepKey]: (p: P) => string };
type IssueWords = { readonly [C in ParamIssueCode]: (v: Extract<ParamIssue, { code: C }>['values']) => string };

interface Words {
	readonly steps: StepWords;
	readonly issues: IssueWords;
	readonly key: (p: KeyProblem) => string;
}

const num = (v: unknown) => Number(v);
const problem = (p: unknown, lang: Lang) => (p ? handshakeProblemText(p as HandshakeProblem, lang) : '');
const code = (c: unknown, lang: Lang) => closeCodeText(c === null || c === undefined ? null : Number(c), lang);
const error = (e: unknown, lang: Lang) => errorText(e as ProtocolError, lang);

// ---- English ----------------------------------------------------------------------------------

const peerEn = (role: unknown) => (role === 'client' ? 'server' : 'client');
const plural = (n: unknown, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;
/** What a DEFLATE message is made of: bytes written as they are, and copies of earlier bytes. */
const madeEn = (p: P) =>
	`${plural(p.literals, 'byte as it is', 'bytes as they are')}, ${plural(p.matches, 'back-reference', 'back-references')} to earlier bytes`;
const opEn = (op: unknown) =>
	({ 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' })[num(op)] ?? 'reserved';

const en: Words = {
	steps: {
		'out.request': () => 'The client asks to upgrade the HTTP connection to WebSocket, with a fresh random key.',
		'out.request.deflate': (p) =>
			`The client asks to upgrade the HTTP connection to WebSocket, with a fresh random key, and offers compression: \`Sec-WebSocket-Extensions: ${p.offer}\`.` +
			(p.windowHint
				? " Its `client_max_window_bits`, without a value, tells the server it may limit the client's LZ77 window (RFC 7692 §7.1.2.2)."
				: ''),
		'out.response': () =>
			"The server agrees: `101 Switching Protocols`, with `Sec-WebSocket-Accept` computed from the client's key.",
		'out.response.deflate': (p) =>
			`The server agrees: \`101 Switching Protocols\`, with \`Sec-WebSocket-Accept\` computed from the client's key, and accepts compression: \`Sec-WebSocket-Extensions: ${p.extensions}\`.` +
			(p.noParams
				? ' With no parameters, each side keeps its LZ77 window from one message to the next (context takeover), up to 32 KiB.'
				: ''),
		'out.reject': (p) =>
			p.status === 426
				? 'The server refuses with `426 Upgrade Required` and says which version it speaks.'
				: `The server refuses with \`400 Bad Request\`: ${problem(p.problem, 'en')}.`,
		'out.message': (p) =>
			`The ${p.role} sends a ${p.kind} message of ${p.size} bytes in one frame${p.compressed ? ', compressed' : ''}.`,
		'out.fragmentFirst': (p) =>
			`The ${p.role} starts a ${p.kind} message in ${p.count} fragments: FIN is 0, more frames follow.`,
		'out.fragmentMiddle': (p) => `Fragment ${p.n}: a continuation frame, FIN still 0.`,
		'out.fragmentLast': () => 'The last fragment (continuation, FIN 1) completes the message.',
		'out.deflate': (p) =>
			`The ${p.role} sends a ${p.kind} message of ${p.size} bytes compressed to ${p.compressedSize} (${madeEn(p)}), in one frame with RSV1 = 1. ` +
			`Like every message, its DEFLATE data ends in 00 00 ff ff, so those 4 bytes are left off; the ${peerEn(p.role)} puts them back to inflate (RFC 7692 §7.2.1, §7.2.2).`,
		'out.deflate.takeover': (p) =>
			p.copy
				? `The ${p.role} sends the same ${p.size} bytes of ${p.kind} again. The first time they were compressed to ${p.previousCompressed} bytes; now they take ${p.compressedSize}, ` +
					`because the DEFLATE data holds no literal bytes at all, only ${p.matches === 1 ? 'one back-reference' : `${p.matches} back-references`} (“copy n bytes from d bytes back”) reaching up to ${p.reachesBack} bytes before this message, into the previous one, still in the ${p.role}'s LZ77 window (context takeover, RFC 7692 §7.1.1).`
				: `The ${p.role} sends a ${p.kind} message of ${p.size} bytes compressed to ${p.compressedSize}, in one frame with RSV1 = 1. ` +
					`Its DEFLATE data is ${madeEn(p)}; some of the back-references reach up to ${p.reachesBack} bytes before the message, into earlier messages the ${p.role}'s LZ77 window still holds (context takeover, RFC 7692 §7.1.1). ` +
					'As always, the final 00 00 ff ff is left off (§7.2.1).',
		'out.ping': (p) => `The ${p.role} sends a ping; the peer must answer with a pong carrying the same payload.`,
		'out.pong': (p) => `The ${p.role} sends an unsolicited pong (a heartbeat); no answer is expected.`,
		'out.autopong': () => 'The automatic answer to the ping: a pong with the same payload (RFC 6455 §5.5.3).',
		'out.close': (p) =>
			`The ${p.role} starts the closing handshake with ${code(p.code, 'en')}; it sends no more data after this.`,
		'out.closeAnswer': (p) =>
			`The ${p.role} answers the close${p.code === null ? '' : ` with the same code, ${p.code}`}.`,
		'out.fail': (p) =>
			`The ${p.role} fails the connection: it sends a close frame with ${code(p.code, 'en')} and closes the transport.`,
		'out.custom': (p) => `The ${p.role} sends a frame written by hand.`,
		'note.requestBadKey': (p) =>
			`The client sends “${p.key}” as its \`Sec-WebSocket-Key\`, which is not 16 bytes of base64.`,
		'note.requestVersion': (p) =>
			`The client asks to upgrade with \`Sec-WebSocket-Version: ${p.version}\`, a version this server does not speak (RFC 6455 is version 13).`,
		'note.unmasked': () =>
			'The client sends “Hello” in a text frame without masking it (MASK = 0), which RFC 6455 forbids: every client frame must be masked.',
		'note.badUtf8': () =>
			'The client sends a text frame whose payload is not UTF-8: 63 61 66 is “caf”, but c3 must be followed by a byte from 80 to bf, and 28 is not one.',
		'note.longPing': () =>
			'The server sends a ping with 126 bytes of payload, so its header needs the 16-bit length form. Control frames may carry at most 125 bytes.',
		'ev.request': () =>
			'The server reads the upgrade request: `GET` over `HTTP/1.1`, `Upgrade: websocket`, `Connection: Upgrade`, a 16-byte key and version 13.',
		'ev.request.deflate': (p) =>
			`The server reads the upgrade request: \`GET\` over \`HTTP/1.1\`, \`Upgrade: websocket\`, \`Connection: Upgrade\`, a 16-byte key, version 13, and the offer \`${p.offer}\`, whose parameters it checks against RFC 7692 §7.1.`,
		'ev.response.ok': () =>
			'The client checks the answer: status 101, Upgrade and Connection headers, and the Accept value it computed itself.',
		'ev.response.deflate': () =>
			'The client checks the answer: status 101, Upgrade and Connection headers, the Accept value it computed itself, and the extension: permessage-deflate is what it offered, with parameters it allows, so messages may now be compressed both ways.',
		'ev.response.fail': (p) => `The client checks the answer and refuses it: ${problem(p.problem, 'en')}.`,
		'ev.open': (p) => {
			const what = [p.protocol && `subprotocol ${p.protocol}`, p.extensions].filter(Boolean).join(', ');
			return `The handshake is complete: the connection is OPEN${what ? ` with ${what}` : ''}, and frames can flow both ways.`;
		},
		'ev.handshakeFailed': (p) =>
			`The opening handshake failed${p.status ? ` (${p.status})` : ''}: ${problem(p.problem, 'en')}. No WebSocket connection exists.`,
		'ev.frame': (p) =>
			`A ${opEn(p.opcode)} frame arrives: FIN ${p.fin ? 1 : 0}, ${p.length} bytes of payload${p.masked ? ', masked' : ''}.`,
		'ev.frame.deflate': (p) =>
			`A ${opEn(p.opcode)} frame arrives with RSV1 = 1: FIN ${p.fin ? 1 : 0}, ${p.length} bytes of payload${p.masked ? ', masked' : ''}. ` +
			'permessage-deflate was agreed, so RSV1 means “compressed” (RFC 7692 §6): the payload is DEFLATE data, not yet the message.',
		'ev.fragment': (p) =>
			`Fragment ${p.n} arrives (FIN 0): the receiver buffers it (${p.buffered} bytes so far) and waits for the rest.`,
		'ev.message': (p) => `A complete ${p.kind} message of ${p.size} bytes${p.kind === 'text' ? ', valid UTF-8' : ''}.`,
		'ev.message.inflated': (p) =>
			`The ${p.role} appends 00 00 ff ff to the ${p.compressedSize} bytes it received and inflates them` +
			(p.takeover ? ', with the LZ77 window it kept from earlier messages' : '') +
			` (RFC 7692 §7.2.2): a complete ${p.kind} message of ${p.size} bytes${p.kind === 'text' ? ', valid UTF-8' : ''}.`,
		'ev.ping': (p) =>
			p.answer
				? 'A ping arrives; the receiver answers with a pong carrying the same payload, as soon as it can.'
				: 'A ping arrives; automatic pongs are off, so the application answers it.',
		'ev.pong': () => 'A pong arrives: the answer to a ping, or a one-way heartbeat.',
		'ev.closeReceived': (p) =>
			p.first
				? `A close frame arrives with ${code(p.code, 'en')}; the receiver answers with a close frame of its own.`
				: `The peer answers our close with ${code(p.code, 'en')}: the closing handshake is complete.`,
		'ev.protocolError': (p) => error(p.error, 'en'),
		'ev.closed.clean': (p) =>
			p.role === 'server'
				? 'Both close frames have been exchanged; the server now closes the TCP connection.'
				: 'Both close frames have been exchanged; the client waits for the server to close the TCP connection.',
		'ev.closed.failed': (p) =>
			`The connection failed: the ${p.role} sent ${code(p.sentCode, 'en')} and drops it without waiting for an answer.`,
		'ev.closed.eof': () => 'The transport closed without a closing handshake: the close is abnormal (1006).',
		'accept.concat': () =>
			'The server appends the fixed GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11 to the key, taking the key exactly as the text it received (it never decodes it).',
		'accept.sha1': (p) => `It hashes those ${p.length} characters with SHA-1, which always gives a 20-byte digest.`,
		'accept.base64': (p) => `It writes the 20 bytes in base64: ${p.accept} is the value of \`Sec-WebSocket-Accept\`.`,
		'accept.check.ok': () =>
			'The client computes the same value from the key it sent and finds it in `Sec-WebSocket-Accept`: this server really read a WebSocket request.',
		'accept.check.bad': () =>
			'The client computes the value from the key it sent, but `Sec-WebSocket-Accept` does not match: it must fail the connection.',
		'mask.byte': (p) =>
			`Payload byte ${p.index} is XORed with key byte ${p.index} mod 4 = ${p.keyIndex}: ${hex2(num(p.input))} XOR ${hex2(num(p.key))} = ${hex2(num(p.output))}.`,
		'mask.rest': (p) => `The other ${p.remaining} bytes are masked the same way, the key repeating every 4 bytes.`,
		'mask.unmask': (p) =>
			`The server XORs the ${p.total} payload bytes with the same key again; XOR twice with the same key gives back the original bytes.`,
		'tcp.close.server': () =>
			'The server closes the TCP connection. The server closes first, so the client need not hold the connection in TIME_WAIT.',
		'tcp.close.fail': (p) =>
			`The ${p.role} closes the TCP connection at once: after failing the connection it does not wait for an answer.`,
		'tcp.close.rejected': () =>
			'The server closes the TCP connection: the handshake failed, so there is no WebSocket connection.',
		'tcp.close.other': (p) => `The ${p.role} closes the TCP connection.`,
		'wire.dropped': (p) => `The ${p.to} has already closed the TCP connection, so nobody reads these bytes.`,
		'wire.ignored': (p) => `The ${p.to} has already closed the connection and ignores these bytes.`,
		'h2.out.preface': () =>
			'The client opens with the HTTP/2 connection preface, `PRI * HTTP/2.0` and `SM`: 24 octets no HTTP/1.1 server would take for a request it understands. No Upgrade: over HTTP/2 that mechanism is forbidden, so both sides simply start speaking HTTP/2 (prior knowledge).',
		'h2.out.settings': (p) =>
			p.connect
				? `The server's first frame is SETTINGS, and in it \`SETTINGS_ENABLE_CONNECT_PROTOCOL = 1\` (id 0x8): it takes the extended CONNECT of RFC 8441, so WebSockets may run on this connection.` +
					(p.window !== null
						? ` It also grants only ${p.window} octets per stream before a WINDOW_UPDATE (\`SETTINGS_INITIAL_WINDOW_SIZE\`), small on purpose so flow control shows.`
						: '')
				: `The ${p.role}'s SETTINGS: how it wants to be spoken to. ${p.role === 'client' ? 'A client that takes no server pushes says `SETTINGS_ENABLE_PUSH = 0`.' : ''}`,
		'h2.out.settingsAck': (p) =>
			`The ${p.role} acknowledges the other side's SETTINGS with an empty SETTINGS frame whose ACK flag is set: from now on it follows them.`,
		'h2.out.connect': (p) =>
			`Now that the server allows it, the client opens stream 1 with HEADERS: \`:method CONNECT\`, \`:protocol websocket\`, \`:scheme\`, \`:path ${p.path}\`, \`:authority ${p.authority}\` and \`sec-websocket-version 13\`, HPACK-compressed. There is no Upgrade, no Connection and no Sec-WebSocket-Key.`,
		'h2.out.status': (p) =>
			`The server answers on stream 1 with HEADERS \`:status ${p.status}\`: the tunnel is open. Not 101, and no Sec-WebSocket-Accept: the stream itself shows the server understood.`,
		'h2.out.data': (p) =>
			`The ${p.role} writes ${p.octets} octets of WebSocket bytes in a DATA frame on stream 1${p.end ? ', with END_STREAM' : ''}. Inside, the WebSocket frames are exactly as over TCP${p.role === 'client' ? ', masked' : ''}.`,
		'h2.out.dataHeld': (p) =>
			`The ${p.role} may send only ${p.octets} octets now: that is all the stream's flow-control window allows. It sends them in a DATA frame and holds back the other ${p.held} until a WINDOW_UPDATE, even though that cuts a WebSocket frame in two.`,
		'h2.out.endStream': (p) =>
			`The ${p.role}'s WebSocket is closed, so it ends its half of the stream: an empty DATA frame with END_STREAM, where over HTTP/1.1 TCP would have been closed.`,
		'h2.out.windowUpdate': (p) =>
			`The ${p.role} has taken in the data, so it gives ${p.increment} octets of credit back to ${Number(p.stream) === 0 ? 'the connection' : `stream ${p.stream}`} with WINDOW_UPDATE.`,
		'h2.out.other': (p) => `The ${p.role} sends an HTTP/2 frame (${p.why}).`,
		'h2.ev.preface': () => 'The server reads the 24-octet preface: this connection speaks HTTP/2.',
		'h2.ev.settings': (p) => `The ${p.role} reads the SETTINGS, applies them and acknowledges them.`,
		'h2.ev.settingsConnect': (p) =>
			p.enabled
				? "The client reads the server's SETTINGS: `SETTINGS_ENABLE_CONNECT_PROTOCOL = 1`. Only now may it send an extended CONNECT (RFC 8441 §3); it acknowledges the SETTINGS and sends its request."
				: "The client reads the server's SETTINGS: no `SETTINGS_ENABLE_CONNECT_PROTOCOL`, so it may not send an extended CONNECT here.",
		'h2.ev.settingsAck': (p) => `The ${p.role} reads the acknowledgement: its own SETTINGS are now in force.`,
		'h2.ev.connect': (p) =>
			`The server decodes the HPACK block: an extended CONNECT for \`websocket\` on \`${p.path}\` at \`${p.authority}\`, version 13. It accepts.`,
		'h2.ev.status': (p) =>
			`The client reads \`:status ${p.status}\` on its stream: the WebSocket is open, and the stream carries it from here.`,
		'h2.ev.data': (p) =>
			`The ${p.role} reads ${p.octets} octets of DATA and hands them to its WebSocket engine, which finds ${Number(p.frames) === 1 ? 'a whole frame' : `${p.frames} whole frames`}${p.end ? "; END_STREAM ends the other side's half of the stream" : ''}.`,
		'h2.ev.dataPartial': (p) =>
			`The ${p.role} reads ${p.octets} octets of DATA. Its WebSocket engine has the start of a frame but not all of it, so it waits: nothing is delivered yet.`,
		'h2.ev.endStream': (p) => `The ${p.role} reads END_STREAM: the other side will send nothing more on this stream.`,
		'h2.ev.windowUpdate': (p) =>
			`The ${p.role} reads the WINDOW_UPDATE: its window on ${Number(p.stream) === 0 ? 'the connection' : `stream ${p.stream}`} grows by ${p.increment}, to ${p.window} octets, and what it held back can go.`,
		'h2.ev.wsClosed': (p) =>
			`Both close frames have been exchanged: the ${p.role}'s WebSocket is CLOSED (${p.code}). It ends its half of the HTTP/2 stream with END_STREAM; the HTTP/2 connection itself stays open for other streams.`,
		'h2.ev.other': (p) => `The ${p.role} reads an HTTP/2 frame.`
	},
	issues: {
		'key-canonical': (v) =>
			`This key decodes to 16 bytes, which base64 writes as ${v.key}; that is what the client sends.`,
		'key-invalid': (v) =>
			`Not a valid key: ${en.key(v.problem)}. A key is 16 random bytes in base64 (24 characters ending in ==). The client sends it anyway, and the server refuses with 400.`,
		'key-unsendable': (v) =>
			`This key cannot be sent in an HTTP header: ${en.key(v.problem)}. The RFC’s sample key is used instead.`,
		'mask-hex': () => 'A masking key is 4 bytes written in hex, like 37fa213d.',
		'mask-length': (v) => `A masking key is exactly 4 bytes (8 hex digits); this is ${v.n}.`,
		'text-long': (v) => `This text is ${v.bytes} bytes of UTF-8; the masking view takes at most ${v.max}.`,
		'msg-many': (v) => `Only the first ${v.max} messages are sent.`,
		'msg-long': (v) =>
			`Message ${v.n} is ${v.bytes} bytes of UTF-8; the simulator sends messages of up to ${v.max} bytes, so it is left out.`,
		'frag-range': (v) => `The fragment size is a whole number of bytes from 1 to ${v.max}; “${v.value}” is not.`,
		'frag-many': (v) =>
			`${v.size}-byte fragments would split the longest message into ${v.frames} frames; the simulator shows at most ${v.max}, so use ${v.min} bytes or more.`,
		'close-choice': (v) => `Who closes is “client”, “server” or “none”, not “${v.value}”.`,
		'deflate-choice': (v) => `Compression is “on” or “off”, not “${v.value}”.`
	},
	key: (p) => {
		switch (p.code) {
			case 'KEY_CHAR':
				return `${JSON.stringify(p.char)} is not a printable ASCII character`;
			case 'KEY_LONG':
				return `it is ${p.length} characters long`;
			case 'KEY_SPACE':
				return 'it starts or ends with a space';
			case 'KEY_BASE64':
				return base64ProblemText(p.problem, 'en');
			case 'KEY_BYTES':
				return `it decodes to ${p.bytes} bytes, not 16`;
		}
	}
};

// ---- Korean -----------------------------------------------------------------------------------

const role = (r: unknown) => (r === 'server' ? '서버' : r === 'client' ? '클라이언트' : '회선');
const peerKo = (r: unknown) => role(r === 'server' ? 'client' : 'server');
const kindKo = (k: unknown) => (k === 'binary' ? '바이너리' : '텍스트');
const opKo = (op: unknown) =>
	({ 0: '연속', 1: '텍스트', 2: '바이너리', 8: '닫기', 9: '핑', 10: '퐁' })[num(op)] ?? '예약된';

const ko: Words = {
	steps: {
		'out.request': () =>
			'클라이언트가 HTTP 연결을 웹소켓으로 업그레이드해 달라고 요청합니다. 요청에는 새로 만든 무작위 키가 들어 있습니다.',
		'out.request.deflate': (p) =>
			`클라이언트가 HTTP 연결을 웹소켓으로 업그레이드해 달라고 요청합니다. 새로 만든 무작위 키와 함께 압축도 제안합니다: \`Sec-WebSocket-Extensions: ${p.offer}\`.` +
			(p.windowHint
				? ' 값 없이 쓴 `client_max_window_bits`는 서버가 클라이언트의 LZ77 윈도우 크기를 제한해도 된다는 뜻입니다(RFC 7692 §7.1.2.2).'
				: ''),
		'out.response': () =>
			'서버가 수락합니다. `101 Switching Protocols`와 함께, 클라이언트의 키로 계산한 `Sec-WebSocket-Accept`를 보냅니다.',
		'out.response.deflate': (p) =>
			`서버가 수락합니다. \`101 Switching Protocols\`와 클라이언트의 키로 계산한 \`Sec-WebSocket-Accept\`를 보내고, 압축 제안도 받아들입니다: \`Sec-WebSocket-Extensions: ${p.extensions}\`.` +
			(p.noParams
				? ' 파라미터가 없으므로 양쪽 모두 메시지가 끝나도 LZ77 윈도우를 버리지 않고 다음 메시지에서 이어 씁니다(컨텍스트 테이크오버). 윈도우는 최대 32KiB입니다.'
				: ''),
		'out.reject': (p) =>
			p.status === 426
				? '서버가 `426 Upgrade Required`로 거절하고, 자신이 쓰는 버전을 알려 줍니다.'
				: `서버가 \`400 Bad Request\`로 거절합니다: ${problem(p.problem, 'ko')}.`,
		'out.message': (p) =>
			`${role(p.role)}가 ${p.size}바이트짜리 ${kindKo(p.kind)} 메시지를 프레임 하나에 담아 보냅니다${p.compressed ? '(압축됨)' : ''}.`,
		'out.fragmentFirst': (p) =>
			`${role(p.role)}가 ${kindKo(p.kind)} 메시지를 ${p.count}개 조각으로 나누어 보내기 시작합니다. FIN이 0이므로 프레임이 더 이어집니다.`,
		'out.fragmentMiddle': (p) => `${p.n}번째 조각: 연속(continuation) 프레임이며, FIN은 아직 0입니다.`,
		'out.fragmentLast': () => '마지막 조각(연속 프레임, FIN 1)이 메시지를 완성합니다.',
		'out.deflate': (p) =>
			`${role(p.role)}가 ${p.size}바이트짜리 ${kindKo(p.kind)} 메시지를 ${p.compressedSize}바이트로 압축해(그대로 적은 바이트 ${p.literals}개, 앞의 바이트를 가리키는 역참조 ${p.matches}개) RSV1 = 1인 프레임 하나에 담아 보냅니다. ` +
			`DEFLATE 데이터는 어느 메시지나 00 00 ff ff로 끝나므로 이 4바이트는 떼어 내고 보냅니다. ${peerKo(p.role)}는 이를 다시 붙인 뒤 압축을 풉니다(RFC 7692 §7.2.1, §7.2.2).`,
		'out.deflate.takeover': (p) =>
			p.copy
				? `${role(p.role)}가 같은 ${p.size}바이트짜리 ${kindKo(p.kind)} 메시지를 한 번 더 보냅니다. 처음에는 ${p.previousCompressed}바이트로 압축되었지만 이번에는 ${p.compressedSize}바이트면 됩니다. ` +
					`DEFLATE 데이터에 그대로 적은 바이트가 하나도 없고, “d바이트 앞에서 n바이트를 복사하라”는 역참조 ${p.matches}개뿐이기 때문입니다. 역참조는 메시지 시작보다 최대 ${p.reachesBack}바이트 앞, 곧 이전 메시지까지 거슬러 올라가며, 이 메시지는 아직 ${role(p.role)}의 LZ77 윈도우에 남아 있습니다(컨텍스트 테이크오버, RFC 7692 §7.1.1).`
				: `${role(p.role)}가 ${p.size}바이트짜리 ${kindKo(p.kind)} 메시지를 ${p.compressedSize}바이트로 압축해, RSV1 = 1인 프레임 하나에 담아 보냅니다. ` +
					`DEFLATE 데이터는 그대로 적은 바이트 ${p.literals}개와 역참조 ${p.matches}개로 이루어져 있습니다. 그 가운데 일부 역참조는 메시지 시작보다 최대 ${p.reachesBack}바이트 앞까지, 즉 ${role(p.role)}의 LZ77 윈도우에 남아 있는 이전 메시지까지 거슬러 올라갑니다(컨텍스트 테이크오버, RFC 7692 §7.1.1). ` +
					'끝의 00 00 ff ff는 이번에도 떼고 보냅니다(§7.2.1).',
		'out.ping': (p) => `${role(p.role)}가 핑을 보냅니다. 상대는 같은 페이로드를 담은 퐁으로 답해야 합니다.`,
		'out.pong': (p) => `${role(p.role)}가 요청받지 않은 퐁을 보냅니다(하트비트). 답은 오지 않습니다.`,
		'out.autopong': () => '핑에 대한 자동 응답입니다. 같은 페이로드를 담은 퐁을 보냅니다(RFC 6455 §5.5.3).',
		'out.close': (p) =>
			`${role(p.role)}가 닫기 핸드셰이크를 시작합니다. 닫기 코드는 ${code(p.code, 'ko')}이고, 이제 데이터를 더 보내지 않습니다.`,
		'out.closeAnswer': (p) =>
			`${role(p.role)}가 닫기에 답합니다${p.code === null ? '' : `. 받은 코드(${p.code})를 그대로 돌려보냅니다`}.`,
		'out.fail': (p) =>
			`${role(p.role)}가 연결을 실패 처리합니다. 닫기 프레임(닫기 코드 ${code(p.code, 'ko')})을 보내고 전송 연결을 닫습니다.`,
		'out.custom': (p) => `${role(p.role)}가 직접 만든 프레임을 보냅니다.`,
		'note.requestBadKey': (p) =>
			`클라이언트가 보내는 \`Sec-WebSocket-Key\`는 “${p.key}”입니다. 16바이트를 base64로 적은 값이 아닙니다.`,
		'note.requestVersion': (p) =>
			`클라이언트가 업그레이드를 요청하지만 헤더는 \`Sec-WebSocket-Version: ${p.version}\`입니다. 이 서버가 지원하지 않는 버전입니다(RFC 6455는 버전 13).`,
		'note.unmasked': () =>
			'클라이언트가 “Hello”를 텍스트 프레임에 담아 마스킹하지 않고(MASK = 0) 보냅니다. RFC 6455는 이를 금지합니다. 클라이언트의 모든 프레임은 마스킹해야 합니다.',
		'note.badUtf8': () =>
			'클라이언트가 UTF-8이 아닌 페이로드를 텍스트 프레임으로 보냅니다. 63 61 66은 “caf”이지만, c3 다음에는 80~bf 사이의 바이트가 와야 하는데 28은 그렇지 않습니다.',
		'note.longPing': () =>
			'서버가 126바이트짜리 페이로드를 담은 핑을 보냅니다. 그래서 헤더에 16비트 길이 형식이 필요합니다. 제어 프레임의 페이로드는 최대 125바이트입니다.',
		'ev.request': () =>
			'서버가 업그레이드 요청을 읽습니다. `HTTP/1.1` `GET`, `Upgrade: websocket`, `Connection: Upgrade`, 16바이트 키, 버전 13을 확인합니다.',
		'ev.request.deflate': (p) =>
			`서버가 업그레이드 요청을 읽습니다. \`HTTP/1.1\` \`GET\`, \`Upgrade: websocket\`, \`Connection: Upgrade\`, 16바이트 키, 버전 13을 확인하고, \`${p.offer}\` 제안의 파라미터가 RFC 7692 §7.1에 맞는지도 살핍니다.`,
		'ev.response.ok': () =>
			'클라이언트가 응답을 확인합니다. 상태 101, Upgrade와 Connection 헤더, 그리고 직접 계산한 Accept 값을 봅니다.',
		'ev.response.deflate': () =>
			'클라이언트가 응답을 확인합니다. 상태 101, Upgrade와 Connection 헤더, 직접 계산한 Accept 값, 그리고 확장을 봅니다. permessage-deflate는 클라이언트가 제안한 확장이고 파라미터도 받아들일 수 있는 값이므로, 이제 양방향 모두 메시지를 압축해 보낼 수 있습니다.',
		'ev.response.fail': (p) => `클라이언트가 응답을 확인하고 거부합니다: ${problem(p.problem, 'ko')}.`,
		'ev.open': (p) => {
			const agreed = [p.protocol && `서브프로토콜 ${p.protocol}`, p.extensions && `확장 ${p.extensions}`]
				.filter(Boolean)
				.join(', ');
			return `핸드셰이크가 끝났습니다. 이제 연결은 OPEN${agreed ? `(${agreed})` : ''}이고, 프레임이 양방향으로 오갈 수 있습니다.`;
		},
		'ev.handshakeFailed': (p) =>
			`여는 핸드셰이크가 실패했습니다${p.status ? `(${p.status})` : ''}: ${problem(p.problem, 'ko')}. 웹소켓 연결은 만들어지지 않았습니다.`,
		'ev.frame': (p) =>
			`${opKo(p.opcode)} 프레임이 도착합니다. FIN ${p.fin ? 1 : 0}, 페이로드 ${p.length}바이트${p.masked ? ', 마스킹됨' : ''}.`,
		'ev.frame.deflate': (p) =>
			`RSV1 = 1인 ${opKo(p.opcode)} 프레임이 도착합니다. FIN ${p.fin ? 1 : 0}, 페이로드 ${p.length}바이트${p.masked ? ', 마스킹됨' : ''}. ` +
			'permessage-deflate를 협상했으므로 RSV1은 “압축됨”이라는 뜻입니다(RFC 7692 §6). 페이로드는 아직 메시지가 아니라 DEFLATE 데이터입니다.',
		'ev.fragment': (p) =>
			`${p.n}번째 조각이 도착합니다(FIN 0). 수신 측은 이를 버퍼에 담고(지금까지 ${p.buffered}바이트) 나머지를 기다립니다.`,
		'ev.message': (p) =>
			`${p.size}바이트짜리 ${kindKo(p.kind)} 메시지가 완성되었습니다${p.kind === 'text' ? '. 올바른 UTF-8입니다' : ''}.`,
		'ev.message.inflated': (p) =>
			`${role(p.role)}는 받은 ${p.compressedSize}바이트 뒤에 00 00 ff ff를 붙이고${p.takeover ? ', 앞 메시지들에서 이어 온 LZ77 윈도우를 그대로 써서' : ''} 압축을 풉니다(RFC 7692 §7.2.2). ` +
			`${p.size}바이트짜리 ${kindKo(p.kind)} 메시지가 완성되었습니다${p.kind === 'text' ? '. 올바른 UTF-8입니다' : ''}.`,
		'ev.ping': (p) =>
			p.answer
				? '핑이 도착합니다. 수신 측은 가능한 한 빨리 같은 페이로드를 담은 퐁으로 답합니다.'
				: '핑이 도착합니다. 자동 퐁이 꺼져 있으므로 애플리케이션이 직접 답합니다.',
		'ev.pong': () => '퐁이 도착합니다. 핑에 대한 답이거나, 한쪽에서 보내는 하트비트입니다.',
		'ev.closeReceived': (p) =>
			p.first
				? `닫기 프레임이 도착합니다(${code(p.code, 'ko')}). 수신 측은 자신의 닫기 프레임으로 답합니다.`
				: `상대가 닫기 프레임으로 답합니다(${code(p.code, 'ko')}). 닫기 핸드셰이크가 끝났습니다.`,
		'ev.protocolError': (p) => error(p.error, 'ko'),
		'ev.closed.clean': (p) =>
			p.role === 'server'
				? '두 닫기 프레임을 모두 주고받았습니다. 서버는 이제 TCP 연결을 닫습니다.'
				: '두 닫기 프레임을 모두 주고받았습니다. 클라이언트는 서버가 TCP 연결을 닫기를 기다립니다.',
		'ev.closed.failed': (p) =>
			`연결이 실패했습니다. ${role(p.role)}는 닫기 코드 ${code(p.sentCode, 'ko')}만 보내고, 답을 기다리지 않고 연결을 끊습니다.`,
		'ev.closed.eof': () => '닫기 핸드셰이크 없이 전송 연결이 닫혔습니다. 비정상 종료(1006)입니다.',
		'accept.concat': () =>
			'서버는 키 뒤에 고정된 GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11을 붙입니다. 키는 받은 텍스트 그대로 쓰며, 디코딩하지 않습니다.',
		'accept.sha1': (p) => `이 ${p.length}글자를 SHA-1로 해시합니다. 결과는 언제나 20바이트입니다.`,
		'accept.base64': (p) => `20바이트를 base64로 적습니다: ${p.accept}. 이 값이 \`Sec-WebSocket-Accept\`에 들어갑니다.`,
		'accept.check.ok': () =>
			'클라이언트도 자신이 보낸 키로 같은 값을 계산하고, `Sec-WebSocket-Accept`에서 그 값을 확인합니다. 이 서버는 웹소켓 요청을 정말로 읽었습니다.',
		'accept.check.bad': () =>
			'클라이언트가 자신이 보낸 키로 값을 계산했지만 `Sec-WebSocket-Accept`와 맞지 않습니다. 연결을 실패 처리해야 합니다.',
		'mask.byte': (p) =>
			`페이로드의 ${p.index}번 바이트는 키의 ${p.index} mod 4 = ${p.keyIndex}번 바이트와 XOR합니다: ${hex2(num(p.input))} XOR ${hex2(num(p.key))} = ${hex2(num(p.output))}.`,
		'mask.rest': (p) => `나머지 ${p.remaining}바이트도 같은 방식으로 마스킹합니다. 키는 4바이트마다 되풀이됩니다.`,
		'mask.unmask': (p) =>
			`서버는 페이로드 ${p.total}바이트를 같은 키로 한 번 더 XOR합니다. 같은 키로 두 번 XOR하면 원래 바이트로 돌아옵니다.`,
		'tcp.close.server': () =>
			'서버가 TCP 연결을 닫습니다. 서버가 먼저 닫으므로 클라이언트는 TIME_WAIT 상태로 기다리지 않아도 됩니다.',
		'tcp.close.fail': (p) =>
			`${role(p.role)}가 곧바로 TCP 연결을 닫습니다. 연결을 실패 처리한 뒤에는 답을 기다리지 않습니다.`,
		'tcp.close.rejected': () => '서버가 TCP 연결을 닫습니다. 핸드셰이크가 실패했으므로 웹소켓 연결은 없습니다.',
		'tcp.close.other': (p) => `${role(p.role)}가 TCP 연결을 닫습니다.`,
		'wire.dropped': (p) => `${role(p.to)}는 이미 TCP 연결을 닫았으므로, 이 바이트는 아무도 읽지 않습니다.`,
		'wire.ignored': (p) => `${role(p.to)}는 이미 연결을 닫았으므로 이 바이트를 무시합니다.`,
		'h2.out.preface': () =>
			'클라이언트는 HTTP/2 연결 프리페이스 `PRI * HTTP/2.0`와 `SM`으로 시작합니다. HTTP/1.1 서버라면 이해할 수 있는 요청으로 받아들이지 않을 24옥텟입니다. Upgrade는 없습니다. HTTP/2에서는 그 방식이 금지되어 있어서, 양쪽이 처음부터 HTTP/2로 말합니다(사전 지식).',
		'h2.out.settings': (p) =>
			p.connect
				? `서버의 첫 프레임은 SETTINGS이고, 그 안에 \`SETTINGS_ENABLE_CONNECT_PROTOCOL = 1\`(id 0x8)이 있습니다. RFC 8441의 확장 CONNECT를 받는다는 뜻이므로 이 연결에서 웹소켓을 쓸 수 있습니다.` +
					(p.window !== null
						? ` 또 스트림마다 WINDOW_UPDATE 전까지 ${p.window}옥텟만 허락합니다(\`SETTINGS_INITIAL_WINDOW_SIZE\`). 흐름 제어가 보이도록 일부러 작게 잡았습니다.`
						: '')
				: `${role(p.role)}의 SETTINGS: 어떻게 대해 주기를 바라는지 알립니다. ${p.role === 'client' ? '서버 푸시를 받지 않는 클라이언트는 `SETTINGS_ENABLE_PUSH = 0`이라고 말합니다.' : ''}`,
		'h2.out.settingsAck': (p) =>
			`${role(p.role)}는 상대의 SETTINGS를 확인합니다. ACK 플래그를 켠 빈 SETTINGS 프레임이고, 이제부터 그 설정을 따릅니다.`,
		'h2.out.connect': (p) =>
			`서버가 허락했으니 클라이언트는 HEADERS로 스트림 1을 엽니다: \`:method CONNECT\`, \`:protocol websocket\`, \`:scheme\`, \`:path ${p.path}\`, \`:authority ${p.authority}\`, \`sec-websocket-version 13\`을 HPACK으로 압축해 보냅니다. Upgrade도, Connection도, Sec-WebSocket-Key도 없습니다.`,
		'h2.out.status': (p) =>
			`서버는 스트림 1에 HEADERS \`:status ${p.status}\`로 답합니다. 터널이 열렸습니다. 101이 아니고 Sec-WebSocket-Accept도 없습니다. 스트림 자체가 서버가 이해했다는 증거입니다.`,
		'h2.out.data': (p) =>
			`${role(p.role)}는 웹소켓 바이트 ${p.octets}옥텟을 스트림 1의 DATA 프레임에 담아 씁니다${p.end ? '(END_STREAM 포함)' : ''}. 안의 웹소켓 프레임은 TCP 위에서와 똑같습니다${p.role === 'client' ? '. 마스킹도 그대로입니다' : ''}.`,
		'h2.out.dataHeld': (p) =>
			`${role(p.role)}는 지금 ${p.octets}옥텟만 보낼 수 있습니다. 스트림의 흐름 제어 윈도가 허락하는 만큼입니다. 그만큼을 DATA 프레임으로 보내고 나머지 ${p.held}옥텟은 WINDOW_UPDATE가 올 때까지 붙잡아 둡니다. 웹소켓 프레임이 둘로 잘리더라도 그렇습니다.`,
		'h2.out.endStream': (p) =>
			`${role(p.role)}의 웹소켓이 닫혔으므로 스트림의 자기 쪽 절반을 끝냅니다. END_STREAM을 켠 빈 DATA 프레임이고, HTTP/1.1이었다면 TCP를 닫았을 자리입니다.`,
		'h2.out.windowUpdate': (p) =>
			`${role(p.role)}는 데이터를 받아들였으므로 WINDOW_UPDATE로 ${Number(p.stream) === 0 ? '연결' : `스트림 ${p.stream}`}에 ${p.increment}옥텟만큼 여유를 돌려줍니다.`,
		'h2.out.other': (p) => `${role(p.role)}가 HTTP/2 프레임(${p.why})을 보냅니다.`,
		'h2.ev.preface': () => '서버가 24옥텟 프리페이스를 읽습니다. 이 연결은 HTTP/2로 말합니다.',
		'h2.ev.settings': (p) => `${role(p.role)}는 SETTINGS를 읽고 적용한 뒤 확인(ACK)합니다.`,
		'h2.ev.settingsConnect': (p) =>
			p.enabled
				? '클라이언트가 서버의 SETTINGS를 읽습니다: `SETTINGS_ENABLE_CONNECT_PROTOCOL = 1`. 이제서야 확장 CONNECT를 보낼 수 있습니다(RFC 8441 §3). SETTINGS를 확인하고 요청을 보냅니다.'
				: '클라이언트가 서버의 SETTINGS를 읽습니다. `SETTINGS_ENABLE_CONNECT_PROTOCOL`이 없으므로 여기서는 확장 CONNECT를 보낼 수 없습니다.',
		'h2.ev.settingsAck': (p) => `${role(p.role)}가 확인을 읽습니다. 자기 SETTINGS가 이제 적용됩니다.`,
		'h2.ev.connect': (p) =>
			`서버가 HPACK 블록을 디코딩합니다. \`${p.authority}\`의 \`${p.path}\`로 가는 \`websocket\` 확장 CONNECT, 버전 13입니다. 받아들입니다.`,
		'h2.ev.status': (p) =>
			`클라이언트가 자기 스트림에서 \`:status ${p.status}\`를 읽습니다. 웹소켓이 열렸고, 이제부터 이 스트림이 웹소켓을 나릅니다.`,
		'h2.ev.data': (p) =>
			`${role(p.role)}는 DATA ${p.octets}옥텟을 읽어 웹소켓 엔진에 넘기고, 엔진은 ${Number(p.frames) === 1 ? '완전한 프레임 하나' : `완전한 프레임 ${p.frames}개`}를 찾습니다${p.end ? '. END_STREAM으로 상대 쪽 절반이 끝납니다' : ''}.`,
		'h2.ev.dataPartial': (p) =>
			`${role(p.role)}는 DATA ${p.octets}옥텟을 읽습니다. 웹소켓 엔진은 프레임의 앞부분만 가졌으므로 기다립니다. 아직 아무것도 전달되지 않습니다.`,
		'h2.ev.endStream': (p) => `${role(p.role)}가 END_STREAM을 읽습니다. 상대는 이 스트림에 더 보내지 않습니다.`,
		'h2.ev.windowUpdate': (p) =>
			`${role(p.role)}가 WINDOW_UPDATE를 읽습니다. ${Number(p.stream) === 0 ? '연결' : `스트림 ${p.stream}`}의 윈도가 ${p.increment}만큼 늘어 ${p.window}옥텟이 되고, 붙잡아 둔 데이터를 보낼 수 있습니다.`,
		'h2.ev.wsClosed': (p) =>
			`닫기 프레임을 서로 주고받았습니다. ${role(p.role)}의 웹소켓은 CLOSED(${p.code})입니다. HTTP/2 스트림의 자기 쪽 절반을 END_STREAM으로 끝내고, HTTP/2 연결 자체는 다른 스트림을 위해 열려 있습니다.`,
		'h2.ev.other': (p) => `${role(p.role)}가 HTTP/2 프레임을 읽습니다.`
	},
	issues: {
		'key-canonical': (v) =>
			`이 키는 16바이트로 디코딩되고, base64 규칙대로 쓰면 ${v.key}입니다. 클라이언트는 이 값을 보냅니다.`,
		'key-invalid': (v) =>
			`올바른 키가 아닙니다: ${ko.key(v.problem)}. 키는 16바이트 무작위 값을 base64로 적은 것(==로 끝나는 24글자)입니다. 클라이언트는 그래도 이 값을 보내고, 서버는 400으로 거절합니다.`,
		'key-unsendable': (v) => `이 키는 HTTP 헤더에 담을 수 없습니다: ${ko.key(v.problem)}. 대신 RFC의 예시 키를 씁니다.`,
		'mask-hex': () => '마스킹 키는 37fa213d처럼 16진수로 적은 4바이트입니다.',
		'mask-length': (v) => `마스킹 키는 정확히 4바이트(16진수 8자리)여야 하는데, 입력한 값은 ${v.n}바이트입니다.`,
		'text-long': (v) =>
			`이 텍스트는 UTF-8로 ${v.bytes}바이트입니다. 마스킹 화면은 최대 ${v.max}바이트까지 보여 줍니다.`,
		'msg-many': (v) => `앞의 메시지 ${v.max}개만 보냅니다.`,
		'msg-long': (v) =>
			`${v.n}번째 메시지는 UTF-8로 ${v.bytes}바이트입니다. 시뮬레이터는 ${v.max}바이트까지만 보내므로 이 메시지는 뺍니다.`,
		'frag-range': (v) => `조각 크기는 1부터 ${v.max}까지의 정수(바이트)여야 합니다. 입력한 값: “${v.value}”`,
		'frag-many': (v) =>
			`${v.size}바이트씩 나누면 가장 긴 메시지가 프레임 ${v.frames}개가 됩니다. 시뮬레이터는 최대 ${v.max}개까지 보여 주므로 ${v.min}바이트 이상으로 정해 주세요.`,
		'close-choice': (v) => `닫는 쪽은 client, server, none 가운데 하나여야 합니다. 입력한 값: “${v.value}”`,
		'deflate-choice': (v) => `압축은 on 또는 off여야 합니다. 입력한 값: “${v.value}”`
	},
	key: (p) => {
		switch (p.code) {
			case 'KEY_CHAR':
				return `출력 가능한 ASCII 문자가 아닌 글자가 있습니다: ${JSON.stringify(p.char)}`;
			case 'KEY_LONG':
				return `${p.length}글자로 너무 깁니다`;
			case 'KEY_SPACE':
				return '앞이나 뒤에 공백이 있습니다';
			case 'KEY_BASE64':
				return base64ProblemText(p.problem, 'ko');
			case 'KEY_BYTES':
				return `디코딩하면 16바이트가 아니라 ${p.bytes}바이트입니다`;
		}
	}
};

export const stepWords = defineMessages({ en, ko });

/** A step's explanation in `lang`. */
export function explainStep(step: Pick<Step, 'explainKey' | 'params'>, lang: Lang): string {
	return stepWords(lang).steps[step.explainKey](step.params);
}

/** A scenario parameter the reader typed that cannot be used, and what is done instead. */
export function paramIssueText(issue: ParamIssue, lang: Lang): string {
	return (stepWords(lang).issues[issue.code] as (v: ParamIssue['values']) => string)(issue.values);
}

/** Why a key cannot be a Sec-WebSocket-Key, as a clause. */
export function keyProblemText(p: KeyProblem, lang: Lang): string {
	return stepWords(lang).key(p);
}
