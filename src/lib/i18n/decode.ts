// Interface text for the frame decoder (/decode) and its components (FrameBytes, DecodedFrame...).
// English decides the shape; Korean has the same keys. Issue titles take the numbers the analysis
// found; English explanations come from the engine (one place for the rule's wording), Korean ones
// from `issueExplain` below.
import type { FormatChoice } from '$lib/hex';
import type { DeflateBlockType } from '$lib/protocol';
import type {
	DeflateChoice,
	IssueCode,
	IssueParams,
	MessageKind,
	PageIssueParams,
	RoleChoice
} from '$lib/decode/types';
import { defineMessages } from './lang';
import { handshakeProblemText, headProblemText } from './protocol/handshake';

/** A title for every issue, typed by its parameters. */
type IssueTitles = { readonly [C in IssueCode]: (p: IssueParams<C>) => string };
/** The rule behind each issue only this page reports (the engine's errors have theirs in ./protocol/errors). */
type PageRules = { readonly [C in keyof PageIssueParams]: (p: PageIssueParams[C]) => string };

// One formatter each: toLocaleString builds a new one per call, and a byte map labels every byte.
const enNumber = new Intl.NumberFormat('en-US');
const koNumber = new Intl.NumberFormat('ko-KR');
const n = (v: number) => enNumber.format(v);
const k = (v: number) => koNumber.format(v);
const hex = (v: unknown) => Number(v).toString(16);

export const decodeText = defineMessages({
	en: {
		title: 'Decode',
		intro:
			'Paste the bytes of WebSocket frames from Wireshark, a proxy log, a failing test or a C array. Every frame is drawn field by field, as in RFC 6455 §5.2, with every problem placed at its byte.',
		input: {
			label: 'Bytes to decode',
			hint: 'Hex (spaces, colons or dashes are fine), 0x lists and C arrays, \\x escapes, xxd or Wireshark dumps, or base64. You can also drop or paste a file: a capture (.pcap, .pcapng) or a devtools HAR opens as its connections; any other file’s bytes are read as frames.',
			private: 'Files are read in this browser: nothing is uploaded.',
			placeholder: 'e.g. 81 85 37 fa 21 3d 7f 9f 4d 51 58',
			format: 'Format',
			formats: {
				auto: 'Detect automatically',
				hex: 'Hex digits',
				'hex-0x': '0x list',
				'c-array': 'C array',
				'escape-x': '\\x escapes',
				xxd: 'xxd dump',
				wireshark: 'Wireshark hex dump',
				base64: 'Base64'
			} as Record<FormatChoice, string>,
			role: 'Sent by',
			roles: {
				auto: 'Detect from the MASK bit',
				client: 'Client (frames masked)',
				server: 'Server (frames unmasked)'
			} as Record<RoleChoice, string>,
			deflate: 'permessage-deflate',
			deflates: {
				auto: 'Inflate when RSV1 is set',
				on: 'On (negotiated)',
				off: 'Off (no extension)'
			} as Record<DeflateChoice, string>,
			openFile: 'Open a file',
			dropHere: 'Drop the file to read its bytes',
			fileRead: (name: string, bytes: number) => `Read ${n(bytes)} bytes from ${name}.`,
			fileFailed: (name: string) => `Could not read ${name}.`,
			copyLink: 'Copy link',
			linkCopied: 'Link copied.',
			linkCopiedLong: 'Link copied. It is long: the input is large.',
			copyFailed: 'Could not copy; the link is in the address bar.',
			clear: 'Clear',
			examples: 'Examples',
			large: (size: string) =>
				`${size} of text: too long to edit comfortably here, so only its start is shown. All of it is decoded below.`,
			editAnyway: 'Edit the whole text (slow)',
			pasteHere: 'Paste here to replace it',
			savedLocally: 'The input is too long for the address bar, so it is kept in this browser only.',
			notSaved: 'The input is too large to keep in this browser; it will be gone after a reload.'
		},
		examples: {
			hello: 'Text “Hello”',
			maskedHello: 'Masked “Hello”',
			fragmented: 'Fragmented',
			pingPong: 'Ping and pong',
			binary256: '256-byte binary',
			binary64k: '64 KiB binary',
			close: 'Close 1000',
			deflateHello: 'Compressed “Hello”',
			deflateShared: 'Shared compression context',
			tcpStream: 'Whole TCP stream',
			http2: 'WebSocket over HTTP/2 (client side)',
			broken: 'With errors'
		},
		status: {
			readAs: 'Read as',
			bytes: (v: number) => `${n(v)} byte${v === 1 ? '' : 's'}`,
			frames: (v: number) => `${n(v)} frame${v === 1 ? '' : 's'}`,
			messages: (v: number) => `${n(v)} message${v === 1 ? '' : 's'}`,
			http2: (side: 'client' | 'server') => `HTTP/2, ${side} side`,
			http2Frames: (v: number) => `${n(v)} HTTP/2 frame${v === 1 ? '' : 's'}`,
			streams: (v: number) => `${n(v)} stream${v === 1 ? '' : 's'}`,
			webSocketFrames: (v: number) => `${n(v)} WebSocket frame${v === 1 ? '' : 's'}`,
			errors: (v: number) => `${n(v)} error${v === 1 ? '' : 's'}`,
			warnings: (v: number) => `${n(v)} warning${v === 1 ? '' : 's'}`,
			noProblems: 'no problems',
			decoding: 'Decoding…',
			failed: 'The decoder stumbled on these bytes, which is a bug in this page. Your input is kept. Details:',
			empty: 'Paste bytes above or pick an example to see them decoded.',
			roleInferred: (role: string) => `Sent by the ${role}, judging by the MASK bit of the first frame.`,
			roleChosen: (role: string) => `Checked as sent by the ${role}.`,
			bothWays: (masked: number, unmasked: number) =>
				`Both directions, after the handshake: ${n(masked)} masked frame${masked === 1 ? '' : 's'} from the client, ${n(unmasked)} unmasked from the server (RFC 6455 §5.1).`,
			deflateInferred: (v: number) =>
				`RSV1 is set on ${n(v)} message${v === 1 ? '' : 's'}: read as permessage-deflate, inflated as the receiver would with context takeover (RFC 7692 §7.2.2). If no extension was negotiated, set permessage-deflate to Off.`,
			deflateAgreed: (v: number) =>
				`The handshake's response agreed to permessage-deflate, so RSV1 means “compressed”: ${n(v)} message${v === 1 ? '' : 's'} inflated with context takeover (RFC 7692 §7.2.2).`,
			deflateRefused: 'The handshake agreed to no compression, so a set RSV1 is an error here (RFC 6455 §5.2).',
			deflateChosen: (v: number) =>
				`permessage-deflate is on: ${n(v)} compressed message${v === 1 ? '' : 's'} inflated with context takeover (RFC 7692 §7.2.2).`,
			client: 'client',
			server: 'server'
		},
		parse: {
			heading: 'The input could not be read to the end',
			select: 'Select it in the input',
			partial: (bytes: number) => `Below: the ${n(bytes)} bytes read before that point.`,
			warnings: 'Notes on reading the input'
		},
		handshake: {
			heading: 'Opening handshake',
			intro:
				'The bytes start with the HTTP upgrade (RFC 6455 §4), read as the server and the client read it; the frames follow.',
			request: 'Request, from the client',
			response: 'Response, from the server',
			range: (start: number, end: number) => `bytes ${n(start)}–${n(end - 1)}`,
			requestOk: (accept: string) =>
				`A server accepts this request (RFC 6455 §4.2.1); its key calls for \`Sec-WebSocket-Accept: ${accept}\``,
			responseOk: (accept: string) =>
				`The client accepts this answer (RFC 6455 §4.1): 101 with Upgrade and Connection, and \`Sec-WebSocket-Accept: ${accept}\` is what its own key gives.`,
			refused: (reason: string) => `Refused: ${reason}.`
		},
		summary: {
			count: (v: number) => n(v),
			label: 'Summary',
			frames: 'Frames',
			messages: 'Messages',
			errors: 'Errors',
			warnings: 'Warnings',
			bytes: 'Bytes'
		},
		issues: {
			heading: 'Problems',
			error: 'Error',
			warning: 'Warning',
			where: (frame: number | null, start: number, end: number) =>
				`${frame === null ? '' : `Frame ${frame + 1}, `}${end - start > 1 ? `bytes ${n(start)}–${n(end - 1)}` : `byte ${n(start)}`}`,
			fails: (code: number, name: string) => `A receiver fails the connection with ${code} (${name}).`,
			roleFails: (code: number, role: string) =>
				`If the ${role} really sent it, the other side fails the connection with ${code}. If it came the other way, change “Sent by”.`,
			show: 'Show the bytes',
			more: (v: number) => `Show ${n(v)} more`,
			titles: {
				RESERVED_OPCODE: (p) => `Reserved opcode 0x${hex(p.opcode)}`,
				RSV_WITHOUT_EXTENSION: () => 'RSV bit set without an extension',
				CONTROL_TOO_LONG: (p) =>
					p.length === null
						? 'Control frame with more than 125 bytes of payload'
						: `Control frame with ${n(p.length)} bytes of payload (at most 125)`,
				CONTROL_FRAGMENTED: () => 'Fragmented control frame (FIN = 0)',
				LENGTH_TOP_BIT: () => '64-bit length with its top bit set',
				UNMASKED_CLIENT_FRAME: () => 'Unmasked frame among client frames',
				MASKED_SERVER_FRAME: () => 'Masked frame among server frames',
				UNEXPECTED_CONTINUATION: () => 'Continuation frame with no message to continue',
				EXPECTED_CONTINUATION: () => 'New message before the previous one ended',
				INVALID_UTF8: () => 'Invalid UTF-8 in a text message',
				INVALID_CLOSE_REASON: () => 'Invalid UTF-8 in the close reason',
				CLOSE_PAYLOAD_ONE_BYTE: () => 'Close payload of one byte',
				INVALID_CLOSE_CODE: (p) => `Close code ${p.code} may not be sent`,
				MESSAGE_TOO_BIG: () => 'Message too big',
				INVALID_COMPRESSED_DATA: () => 'Compressed data that cannot be inflated',
				RSV1_ON_CONTINUATION: () => 'RSV1 on a continuation frame',
				RSV1_ON_CONTROL: () => 'RSV1 on a control frame',
				NON_MINIMAL_LENGTH: (p) => `${n(p.length)}-byte length written in the ${p.form}-bit form`,
				INCOMPLETE_FRAME: (p) =>
					p.exact
						? `Incomplete frame: ${n(p.missing)} byte${p.missing === 1 ? '' : 's'} missing`
						: `Incomplete frame: at least ${n(p.missing)} more byte${p.missing === 1 ? '' : 's'} needed`,
				UNFINISHED_MESSAGE: () => 'Fragmented message without its final frame',
				ABANDONED_MESSAGE: () => 'Fragmented message cut short',
				UNFRAMED_BYTES: (p) => `${n(p.count)} bytes that cannot be framed`,
				NOT_ANALYSED: (p) => `${n(p.count)} bytes not analysed (the page stops at ${n(p.frames)} frames)`,
				INCOMPLETE_HTTP_HEAD: (p) =>
					p.problem
						? `Handshake that cannot be read: ${headProblemText(p.problem, 'en')}`
						: 'Handshake cut off before its empty line',
				HANDSHAKE_REFUSED: (p) =>
					p.problem.of === 'request'
						? `A server would refuse this request${p.status ? ` (${p.status})` : ''}`
						: 'The client would refuse this response'
			} as IssueTitles,
			/** The rules behind the issues only this page reports. */
			rules: {
				NON_MINIMAL_LENGTH: () =>
					'The payload length does not use the shortest encoding, which RFC 6455 requires (“the minimal number of bytes MUST be used”).',
				INCOMPLETE_FRAME: () =>
					'The input ends inside this frame; a receiver would keep waiting for the missing bytes.',
				UNFINISHED_MESSAGE: () =>
					'This fragmented message has no final frame (FIN = 1) in the input; a receiver would keep waiting for it.',
				ABANDONED_MESSAGE: () => 'This fragmented message was cut short by a new message before its final frame.',
				UNFRAMED_BYTES: () =>
					'These bytes follow a frame whose length cannot be read, so they cannot be split into frames.',
				NOT_ANALYSED: () => 'The page stops after this many frames; the remaining bytes were not analysed.',
				INCOMPLETE_HTTP_HEAD: (p) =>
					p.problem
						? 'The bytes start an HTTP head of the opening handshake that cannot be read (a line is malformed), so no frames can be read after it.'
						: 'The bytes start an HTTP head of the opening handshake, but the input stops before the empty line that ends its header fields, so no frames can be read after it.',
				HANDSHAKE_REFUSED: (p) =>
					`The other side would refuse this part of the opening handshake, so no WebSocket connection would open: ${handshakeProblemText(p.problem, 'en')}.`
			} as PageRules,
			/** What a receiver does for the page's own warnings, which have no close code. */
			nonMinimal: (minimal: number) =>
				`The shortest form here is the ${minimal}-bit one. Most receivers accept it anyway; a strict one fails the connection with 1002.`,
			incomplete: 'If the connection ended here, the receiver would report an abnormal closure (1006).'
		},
		frames: {
			heading: 'Frames',
			none: 'No frames: the input ends with the handshake.',
			legend: 'Field colours',
			title: (index: number) => `Frame ${n(index + 1)}`,
			final: 'FIN',
			notFinal: 'not final',
			masked: 'masked',
			unmasked: 'unmasked',
			incomplete: 'incomplete',
			payloadBytes: (v: number) => `${n(v)}-byte payload`,
			range: (start: number, end: number) => `bytes ${n(start)}–${n(end - 1)}`,
			more: (v: number) => `Show ${n(v)} more frame${v === 1 ? '' : 's'}`,
			problems: (v: number) => `${n(v)} problem${v === 1 ? '' : 's'}`
		},
		bytes: {
			mapLabel: (frame: string) => `Bytes of ${frame}`,
			hint: 'Hover a byte, or focus the map and use the arrow keys, to see its field.',
			// Names start with what the cell shows (WCAG 2.5.3 Label in Name): "81: …", "1 FIN: …".
			byteLabel: (shown: string, field: string, value: string, offset: number) =>
				`${shown}: ${field} (${value}), byte ${n(offset)}`,
			bitsLabel: (shown: string, field: string | null, value: string, offset: number, bits: string) =>
				`${shown}${field ? ` (${field})` : ''}: ${value}, ${bits.includes('–') ? 'bits' : 'bit'} ${bits} of byte ${n(offset)}`,
			byteGroup: (offset: number, hexByte: string) => `Byte ${n(offset)}: 0x${hexByte}`,
			more: (v: number) => `Show ${n(v)} more byte${v === 1 ? '' : 's'}`,
			missing: (v: number, exact: boolean) => `${exact ? '' : '≥ '}${n(v)} byte${v === 1 ? '' : 's'} missing`,
			problemHere: 'problem here'
		},
		tree: {
			heading: 'Fields',
			label: (frame: string) => `Fields of ${frame}`,
			header: 'Header',
			payload: 'Payload',
			bytes: (v: number) => `${n(v)} byte${v === 1 ? '' : 's'}`
		},
		mask: {
			heading: 'Unmasking',
			explain: 'Payload byte i = masked byte i XOR key byte (i mod 4) (RFC 6455 §5.3).',
			caption: (frame: string) => `Unmasking the payload of ${frame}`,
			index: 'Byte i',
			masked: 'masked',
			key: 'key',
			result: 'data',
			char: 'char',
			showAll: (v: number) => `Show all ${n(v)} bytes`,
			showMore: (v: number) => `Show ${n(v)} more`,
			showFewer: 'Show fewer'
		},
		payload: {
			heading: 'Payload',
			viewAs: 'Show as',
			views: { text: 'Text', json: 'JSON', hex: 'Hex' },
			empty: 'No payload.',
			partial: (have: number, total: number) => `Only ${n(have)} of ${n(total)} bytes are in the input.`,
			truncated: (shown: number, total: number) => `Showing ${n(shown)} of ${n(total)} bytes.`,
			showAll: 'Show all',
			invalidUtf8: 'Not valid UTF-8: the bytes that are not show as �.',
			fragment: (m: number) => `A fragment: the whole text is in message ${n(m + 1)} below.`,
			compressedNote: (m: number, here: boolean) =>
				`Compressed (RSV1, permessage-deflate): these bytes are DEFLATE data with the final 00 00 ff ff left off (RFC 7692 §7.2.1), not the message itself. ${here ? 'The message, inflated, is below.' : `Message ${n(m + 1)} holds it inflated.`}`,
			inflatedHeading: 'Inflated message',
			inflatedNote: (wire: number, data: number) =>
				`The receiver appends 00 00 ff ff and inflates (RFC 7692 §7.2.2): ${n(wire)} byte${wire === 1 ? '' : 's'} on the wire, ${n(data)} byte${data === 1 ? '' : 's'} of message.`
		},
		close: {
			heading: 'Close frame',
			code: 'Status code',
			reason: 'Reason',
			noCode: 'No status code: the payload is empty, which is allowed.',
			noReason: 'none',
			oneByte: 'One byte is not a status code.',
			notOnWire: 'may not be sent in a close frame'
		},
		messages: {
			heading: 'Messages',
			title: (index: number) => `Message ${n(index + 1)}`,
			kinds: { text: 'text', binary: 'binary', close: 'close', ping: 'ping', pong: 'pong' } as Record<
				MessageKind,
				string
			>,
			bytes: (v: number) => `${n(v)} byte${v === 1 ? '' : 's'}`,
			interleaved: (list: string) =>
				`Control frames ${list} arrived between its fragments (RFC 6455 §5.4 allows that).`,
			unfinished: 'unfinished',
			invalid: 'has errors',
			compressed: 'compressed',
			sizes: (wire: number, data: number) => `${n(wire)} bytes compressed → ${n(data)} bytes`,
			deflated: 'Compressed bytes (DEFLATE)',
			blocks: 'DEFLATE blocks (RFC 1951 §3.2), with the 00 00 ff ff the receiver appends:',
			blockTypes: {
				stored: 'stored (not compressed)',
				fixed: 'fixed Huffman codes',
				dynamic: 'dynamic Huffman codes'
			} as Record<DeflateBlockType, string>,
			block: (type: string, final: boolean, literals: number, matches: number, out: number) =>
				`${type}${final ? ', BFINAL' : ''}: ${n(literals)} literal${literals === 1 ? '' : 's'}, ${n(matches)} back-reference${matches === 1 ? '' : 's'} → ${n(out)} byte${out === 1 ? '' : 's'}`,
			tailBlock:
				'the empty stored block 00 00 ff ff: the sender removed it, the receiver puts it back (RFC 7692 §7.2.1, §7.2.2)',
			reachesBack: (v: number) =>
				`Reaches ${n(v)} byte${v === 1 ? '' : 's'} back before this message: it can only be inflated with the window kept from the messages before (context takeover, RFC 7692 §7.2.3.2).`,
			empty: 'No messages: no frame started one.',
			more: (v: number) => `Show ${n(v)} more message${v === 1 ? '' : 's'}`
		},
		encode: {
			heading: 'Build a frame',
			intro: 'Set the fields and get the bytes. Malformed frames are allowed, to see how the decoder explains them.',
			fin: 'FIN: final frame of its message',
			compress: 'Compress (permessage-deflate)',
			rsv: 'FIN and reserved bits',
			opcode: 'Opcode',
			opcodes: { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' } as Record<
				number,
				string
			>,
			reserved: 'reserved',
			mask: 'Mask the payload (client to server)',
			key: 'Masking key (8 hex digits)',
			randomKey: 'New random key',
			payloadAs: 'Payload as',
			text: 'Text',
			hex: 'Hex',
			payload: 'Payload',
			closeCode: 'Status code (optional)',
			lengthForm: 'Length encoding',
			lengthForms: { auto: 'Shortest (required)', 16: '16-bit (126)', 64: '64-bit (127)' } as Record<
				'auto' | 16 | 64,
				string
			>,
			output: 'Frame bytes',
			copy: 'Copy bytes',
			copied: 'Bytes copied.',
			decodeThese: 'Decode these bytes',
			badKey: 'The masking key is 4 bytes: write exactly 8 hex digits.',
			badCode: 'The status code is a number from 0 to 65535.',
			bytesCount: (v: number) => `${n(v)} bytes`
		}
	},
	ko: {
		title: '디코더',
		intro:
			'Wireshark, 프록시 로그, 실패한 테스트, C 배열 등에서 복사한 웹소켓 프레임 바이트를 붙여 넣으세요. RFC 6455 §5.2의 그림처럼 프레임을 필드별로 그리고, 문제가 있으면 해당 바이트에 표시합니다.',
		input: {
			label: '디코딩할 바이트',
			hint: '16진수(공백, 콜론, 대시 구분 가능), 0x 목록과 C 배열, \\x 이스케이프, xxd나 Wireshark 덤프, base64를 읽을 수 있습니다. 파일을 끌어다 놓거나 붙여 넣어도 됩니다. 캡처(.pcap, .pcapng)나 개발자 도구의 HAR는 연결 목록으로 열리고, 다른 파일은 바이트를 프레임으로 읽습니다.',
			private: '파일은 이 브라우저 안에서 읽습니다. 아무것도 업로드하지 않습니다.',
			placeholder: '예: 81 85 37 fa 21 3d 7f 9f 4d 51 58',
			format: '형식',
			formats: {
				auto: '자동 감지',
				hex: '16진수',
				'hex-0x': '0x 목록',
				'c-array': 'C 배열',
				'escape-x': '\\x 이스케이프',
				xxd: 'xxd 덤프',
				wireshark: 'Wireshark 헥스 덤프',
				base64: 'Base64'
			},
			role: '보낸 쪽',
			roles: {
				auto: 'MASK 비트로 판단',
				client: '클라이언트 (마스킹된 프레임)',
				server: '서버 (마스킹 없는 프레임)'
			},
			deflate: 'permessage-deflate',
			deflates: {
				auto: 'RSV1이 켜져 있으면 압축 해제',
				on: '켜짐 (협상됨)',
				off: '꺼짐 (확장 없음)'
			},
			openFile: '파일 열기',
			dropHere: '파일을 놓으면 바이트를 읽어 옵니다',
			fileRead: (name: string, bytes: number) => `${name}에서 ${k(bytes)}바이트를 읽었습니다.`,
			fileFailed: (name: string) => `${name} 파일을 읽지 못했습니다.`,
			copyLink: '링크 복사',
			linkCopied: '링크를 복사했습니다.',
			linkCopiedLong: '링크를 복사했습니다. 입력이 커서 링크가 깁니다.',
			copyFailed: '복사하지 못했습니다. 주소 표시줄의 링크를 사용하세요.',
			clear: '지우기',
			examples: '예제',
			large: (size: string) =>
				`${size} 분량의 텍스트입니다. 여기서 편집하기에는 너무 길어 앞부분만 보여 줍니다. 전체 내용은 아래에서 디코딩합니다.`,
			editAnyway: '전체 텍스트 편집하기 (느림)',
			pasteHere: '여기에 붙여 넣으면 바뀝니다',
			savedLocally: '입력이 주소 표시줄에 담기에는 길어서, 이 브라우저에만 저장합니다.',
			notSaved: '입력이 너무 커서 이 브라우저에 저장할 수 없습니다. 새로 고치면 사라집니다.'
		},
		examples: {
			hello: '텍스트 “Hello”',
			maskedHello: '마스킹된 “Hello”',
			fragmented: '조각난 메시지',
			pingPong: '핑과 퐁',
			binary256: '256바이트 바이너리',
			binary64k: '64KiB 바이너리',
			close: '닫기 1000',
			deflateHello: '압축된 “Hello”',
			deflateShared: '압축 컨텍스트 공유',
			tcpStream: 'TCP 스트림 전체',
			http2: 'HTTP/2 위 웹소켓 (클라이언트 쪽)',
			broken: '오류가 있는 예'
		},
		status: {
			readAs: '읽은 형식',
			bytes: (v: number) => `${k(v)}바이트`,
			frames: (v: number) => `프레임 ${k(v)}개`,
			messages: (v: number) => `메시지 ${k(v)}개`,
			http2: (side: 'client' | 'server') => `HTTP/2, ${side === 'client' ? '클라이언트' : '서버'} 쪽`,
			http2Frames: (v: number) => `HTTP/2 프레임 ${k(v)}개`,
			streams: (v: number) => `스트림 ${k(v)}개`,
			webSocketFrames: (v: number) => `웹소켓 프레임 ${k(v)}개`,
			errors: (v: number) => `오류 ${k(v)}개`,
			warnings: (v: number) => `경고 ${k(v)}개`,
			noProblems: '문제 없음',
			decoding: '디코딩하는 중…',
			failed:
				'이 바이트를 디코딩하다가 문제가 생겼습니다. 이 페이지의 버그입니다. 입력한 내용은 그대로 남아 있습니다. 자세한 내용:',
			empty: '위에 바이트를 붙여 넣거나 예제를 골라 보세요.',
			roleInferred: (role: string) => `첫 프레임의 MASK 비트로 보아 ${role}가 보낸 프레임입니다.`,
			roleChosen: (role: string) => `${role}가 보낸 프레임으로 보고 검사했습니다.`,
			bothWays: (masked: number, unmasked: number) =>
				`핸드셰이크 뒤에 양방향 프레임이 이어집니다. 마스킹된 프레임 ${k(masked)}개는 클라이언트가, 마스킹되지 않은 프레임 ${k(unmasked)}개는 서버가 보냈습니다(RFC 6455 §5.1).`,
			deflateInferred: (v: number) =>
				`메시지 ${k(v)}개에 RSV1이 켜져 있어 permessage-deflate로 압축된 것으로 보고, 수신 측처럼 앞 메시지의 윈도우를 이어 쓰며(컨텍스트 테이크오버) 압축을 풀었습니다(RFC 7692 §7.2.2). 협상한 확장이 없었다면 permessage-deflate를 ‘꺼짐’으로 바꾸세요.`,
			deflateAgreed: (v: number) =>
				`핸드셰이크 응답에서 서버가 permessage-deflate를 받아들였으므로 RSV1은 “압축됨”을 뜻합니다. 압축된 메시지 ${k(v)}개는 앞 메시지의 윈도우를 이어 쓰며(컨텍스트 테이크오버) 압축을 풀었습니다(RFC 7692 §7.2.2).`,
			deflateRefused: '핸드셰이크에서 압축을 협상하지 않았으므로 RSV1이 켜진 프레임은 오류입니다(RFC 6455 §5.2).',
			deflateChosen: (v: number) =>
				`permessage-deflate가 켜져 있습니다. 압축된 메시지 ${k(v)}개는 앞 메시지의 윈도우를 이어 쓰며(컨텍스트 테이크오버) 압축을 풀었습니다(RFC 7692 §7.2.2).`,
			client: '클라이언트',
			server: '서버'
		},
		parse: {
			heading: '입력을 끝까지 읽지 못했습니다',
			select: '입력란에서 선택하기',
			partial: (bytes: number) => `아래는 그 앞까지 읽은 ${k(bytes)}바이트를 디코딩한 결과입니다.`,
			warnings: '입력을 읽으며 참고할 점'
		},
		handshake: {
			heading: '여는 핸드셰이크',
			intro:
				'입력이 HTTP 업그레이드 핸드셰이크(RFC 6455 §4)로 시작합니다. 이 부분은 서버와 클라이언트가 읽는 방식 그대로 읽었고, 프레임은 그 뒤에 이어집니다.',
			request: '요청 (클라이언트가 보냄)',
			response: '응답 (서버가 보냄)',
			range: (start: number, end: number) => `바이트 ${k(start)}–${k(end - 1)}`,
			requestOk: (accept: string) =>
				`서버가 받아들이는 요청입니다(RFC 6455 §4.2.1). 이 키로 계산한 \`Sec-WebSocket-Accept\`는 \`${accept}\`입니다.`,
			responseOk: (accept: string) =>
				`클라이언트가 받아들이는 응답입니다(RFC 6455 §4.1). 상태 코드 101에 Upgrade와 Connection 헤더가 맞고, \`Sec-WebSocket-Accept: ${accept}\`는 클라이언트가 자기 키로 계산한 값과 같습니다.`,
			refused: (reason: string) => `거부 이유: ${reason}.`
		},
		summary: {
			count: (v: number) => k(v),
			label: '요약',
			frames: '프레임',
			messages: '메시지',
			errors: '오류',
			warnings: '경고',
			bytes: '바이트'
		},
		issues: {
			heading: '문제',
			error: '오류',
			warning: '경고',
			where: (frame: number | null, start: number, end: number) =>
				`${frame === null ? '' : `프레임 ${k(frame + 1)}, `}${end - start > 1 ? `${k(start)}~${k(end - 1)}번 바이트` : `${k(start)}번 바이트`}`,
			fails: (code: number, name: string) => `수신 측은 ${code}(${name}) 코드로 연결을 실패 처리합니다.`,
			roleFails: (code: number, role: string) =>
				`정말 ${role}가 보낸 프레임이라면 상대는 ${code} 코드로 연결을 실패 처리합니다. 반대 방향의 프레임이라면 ‘보낸 쪽’을 바꿔 보세요.`,
			show: '바이트 보기',
			more: (v: number) => `${k(v)}개 더 보기`,
			titles: {
				RESERVED_OPCODE: (p) => `예약된 opcode 0x${hex(p.opcode)}`,
				RSV_WITHOUT_EXTENSION: () => '확장 없이 켜진 RSV 비트',
				CONTROL_TOO_LONG: (p) =>
					p.length === null
						? '페이로드가 125바이트를 넘는 제어 프레임'
						: `페이로드가 ${k(p.length)}바이트인 제어 프레임 (최대 125바이트)`,
				CONTROL_FRAGMENTED: () => '조각난 제어 프레임 (FIN = 0)',
				LENGTH_TOP_BIT: () => '최상위 비트가 1인 64비트 길이',
				UNMASKED_CLIENT_FRAME: () => '클라이언트 프레임 사이의 마스킹되지 않은 프레임',
				MASKED_SERVER_FRAME: () => '서버 프레임 사이의 마스킹된 프레임',
				UNEXPECTED_CONTINUATION: () => '이어 갈 메시지가 없는 연속 프레임',
				EXPECTED_CONTINUATION: () => '이전 메시지가 끝나기 전에 시작된 새 메시지',
				INVALID_UTF8: () => '텍스트 메시지의 잘못된 UTF-8',
				INVALID_CLOSE_REASON: () => '닫기 이유의 잘못된 UTF-8',
				CLOSE_PAYLOAD_ONE_BYTE: () => '1바이트짜리 close 페이로드',
				INVALID_CLOSE_CODE: (p) => `보낼 수 없는 닫기 코드 ${p.code}`,
				MESSAGE_TOO_BIG: () => '너무 큰 메시지',
				INVALID_COMPRESSED_DATA: () => '풀 수 없는 압축 데이터',
				RSV1_ON_CONTINUATION: () => '연속 프레임에 켜진 RSV1',
				RSV1_ON_CONTROL: () => '제어 프레임에 켜진 RSV1',
				NON_MINIMAL_LENGTH: (p) => `${k(p.length)}바이트 길이를 ${p.form}비트 형식으로 표기`,
				INCOMPLETE_FRAME: (p) =>
					p.exact
						? `불완전한 프레임: ${k(p.missing)}바이트 부족`
						: `불완전한 프레임: 최소 ${k(p.missing)}바이트 더 필요`,
				UNFINISHED_MESSAGE: () => '마지막 프레임이 없는 조각난 메시지',
				ABANDONED_MESSAGE: () => '중간에 끊긴 조각난 메시지',
				UNFRAMED_BYTES: (p) => `프레임으로 나눌 수 없는 ${k(p.count)}바이트`,
				NOT_ANALYSED: (p) => `분석하지 않은 ${k(p.count)}바이트 (프레임 ${k(p.frames)}개까지만 분석)`,
				INCOMPLETE_HTTP_HEAD: (p) =>
					p.problem
						? `읽을 수 없는 핸드셰이크: ${headProblemText(p.problem, 'ko')}`
						: '빈 줄이 나오기 전에 끊긴 핸드셰이크',
				HANDSHAKE_REFUSED: (p) =>
					p.problem.of === 'request'
						? `서버가 거부할 요청${p.status ? ` (${p.status})` : ''}`
						: '클라이언트가 거부할 응답'
			} as IssueTitles,
			rules: {
				NON_MINIMAL_LENGTH: () =>
					'페이로드 길이를 가장 짧은 형식으로 적지 않았습니다. RFC 6455 §5.2는 길이를 가장 적은 바이트로 적도록 요구합니다(MUST).',
				INCOMPLETE_FRAME: () => '입력이 이 프레임 중간에서 끝납니다. 수신 측은 나머지 바이트가 올 때까지 기다립니다.',
				UNFINISHED_MESSAGE: () =>
					'이 조각난 메시지의 마지막 프레임(FIN = 1)이 입력에 없습니다. 수신 측은 나머지를 계속 기다립니다.',
				ABANDONED_MESSAGE: () => '이 조각난 메시지는 마지막 프레임이 오기 전에 새 메시지가 시작되어 끊겼습니다.',
				UNFRAMED_BYTES: () => '길이를 읽을 수 없는 프레임 뒤에 있어, 이 바이트들은 프레임으로 나눌 수 없습니다.',
				NOT_ANALYSED: () =>
					'페이지가 멈추지 않도록 정해진 수의 프레임까지만 분석하고, 나머지 바이트는 분석하지 않았습니다.',
				INCOMPLETE_HTTP_HEAD: (p) =>
					p.problem
						? '입력이 여는 핸드셰이크의 HTTP 헤더로 시작하지만, 형식에 맞지 않는 줄이 있어 헤더를 끝까지 읽을 수 없습니다. 그래서 뒤따르는 프레임도 읽을 수 없습니다.'
						: '입력이 여는 핸드셰이크의 HTTP 헤더로 시작하지만, 헤더 필드 뒤에 헤더의 끝을 알리는 빈 줄이 없습니다. 헤더가 끝나지 않았으므로 뒤따르는 프레임도 읽을 수 없습니다.',
				HANDSHAKE_REFUSED: (p) =>
					`${p.problem.of === 'request' ? '서버는 여는 핸드셰이크의 규칙에 맞지 않는 요청을 거부하므로' : '클라이언트는 규칙에 맞지 않는 응답을 받으면 연결을 실패 처리하므로'} WebSocket 연결이 열리지 않습니다. 엔진이 찾은 이유: ${handshakeProblemText(p.problem, 'ko')}.`
			},
			nonMinimal: (minimal: number) =>
				`여기서는 ${minimal}비트 형식이 가장 짧습니다. 대부분의 수신 측은 그래도 받아들이지만, 엄격한 구현은 1002로 연결을 실패 처리합니다.`,
			incomplete: '연결이 여기서 끊기면 수신 측은 비정상 종료(1006)로 처리합니다.'
		},
		frames: {
			heading: '프레임',
			none: '프레임이 없습니다. 입력이 핸드셰이크에서 끝납니다.',
			legend: '필드 색상',
			title: (index: number) => `프레임 ${k(index + 1)}`,
			final: 'FIN',
			notFinal: '마지막 아님',
			masked: '마스킹됨',
			unmasked: '마스킹 없음',
			incomplete: '불완전',
			payloadBytes: (v: number) => `페이로드 ${k(v)}바이트`,
			range: (start: number, end: number) => `${k(start)}~${k(end - 1)}번 바이트`,
			more: (v: number) => `프레임 ${k(v)}개 더 보기`,
			problems: (v: number) => `문제 ${k(v)}개`
		},
		bytes: {
			mapLabel: (frame: string) => `${frame}의 바이트`,
			hint: '바이트에 마우스를 올리거나, 바이트 맵에 포커스를 두고 화살표 키로 움직이면 그 바이트의 필드를 보여 줍니다.',
			byteLabel: (shown: string, field: string, value: string, offset: number) =>
				`${shown}: ${field}(${value}), ${k(offset)}번 바이트`,
			bitsLabel: (shown: string, field: string | null, value: string, offset: number, bits: string) =>
				`${shown}${field ? ` (${field})` : ''}: ${value}, ${k(offset)}번 바이트의 ${bits}번 비트`,
			byteGroup: (offset: number, hexByte: string) => `${k(offset)}번 바이트: 0x${hexByte}`,
			more: (v: number) => `${k(v)}바이트 더 보기`,
			missing: (v: number, exact: boolean) => `${k(v)}바이트${exact ? '' : ' 이상'} 없음`,
			problemHere: '문제 있음'
		},
		tree: {
			heading: '필드',
			label: (frame: string) => `${frame}의 필드`,
			header: '헤더',
			payload: '페이로드',
			bytes: (v: number) => `${k(v)}바이트`
		},
		mask: {
			heading: '마스킹 풀기',
			explain: '페이로드의 i번째 바이트 = 마스킹된 i번째 바이트 XOR 키의 (i mod 4)번째 바이트 (RFC 6455 §5.3).',
			caption: (frame: string) => `${frame} 페이로드의 마스킹 풀기`,
			index: 'i번째 바이트',
			masked: '마스킹',
			key: '키',
			result: '데이터',
			char: '문자',
			showAll: (v: number) => `${k(v)}바이트 모두 보기`,
			showMore: (v: number) => `${k(v)}바이트 더 보기`,
			showFewer: '접기'
		},
		payload: {
			heading: '페이로드',
			viewAs: '보기 형식',
			views: { text: '텍스트', json: 'JSON', hex: '16진수' },
			empty: '페이로드가 없습니다.',
			partial: (have: number, total: number) => `${k(total)}바이트 가운데 ${k(have)}바이트만 입력에 있습니다.`,
			truncated: (shown: number, total: number) => `${k(total)}바이트 가운데 ${k(shown)}바이트를 보여 줍니다.`,
			showAll: '모두 보기',
			invalidUtf8: '올바른 UTF-8이 아닙니다. 읽을 수 없는 바이트는 �로 표시했습니다.',
			fragment: (m: number) => `메시지의 한 조각입니다. 전체 텍스트는 아래 메시지 ${k(m + 1)}에 있습니다.`,
			compressedNote: (m: number, here: boolean) =>
				`압축된 페이로드입니다(RSV1, permessage-deflate). 이 바이트는 메시지 자체가 아니라, 끝의 00 00 ff ff를 떼어 낸 DEFLATE 데이터입니다(RFC 7692 §7.2.1). ${here ? '압축을 푼 메시지는 바로 아래에 있습니다.' : `압축을 푼 내용은 메시지 ${k(m + 1)}에 있습니다.`}`,
			inflatedHeading: '압축을 푼 메시지',
			inflatedNote: (wire: number, data: number) =>
				`수신 측은 00 00 ff ff를 다시 붙인 뒤 압축을 풉니다(RFC 7692 §7.2.2). 실제로 전송된 것은 ${k(wire)}바이트, 압축을 푼 메시지는 ${k(data)}바이트입니다.`
		},
		close: {
			heading: 'close 프레임',
			code: '상태 코드',
			reason: '이유',
			noCode: '상태 코드가 없습니다. 페이로드가 비어 있는 것은 허용됩니다.',
			noReason: '없음',
			oneByte: '1바이트로는 상태 코드가 될 수 없습니다.',
			notOnWire: 'close 프레임으로 보낼 수 없는 코드'
		},
		messages: {
			heading: '메시지',
			title: (index: number) => `메시지 ${k(index + 1)}`,
			kinds: { text: '텍스트', binary: '바이너리', close: '닫기', ping: '핑', pong: '퐁' },
			bytes: (v: number) => `${k(v)}바이트`,
			interleaved: (list: string) => `조각 사이에 제어 프레임 ${list}이(가) 도착했습니다(RFC 6455 §5.4에서 허용).`,
			unfinished: '미완료',
			invalid: '오류 있음',
			compressed: '압축됨',
			sizes: (wire: number, data: number) => `압축 ${k(wire)}바이트 → ${k(data)}바이트`,
			deflated: '압축된 바이트 (DEFLATE)',
			blocks: 'DEFLATE 블록(RFC 1951 §3.2). 수신 측이 다시 붙이는 00 00 ff ff까지 함께 보여 줍니다:',
			blockTypes: { stored: 'stored 블록(비압축)', fixed: '고정 허프만 코드', dynamic: '동적 허프만 코드' },
			block: (type: string, final: boolean, literals: number, matches: number, out: number) =>
				`${type}${final ? ', BFINAL' : ''}: 리터럴 ${k(literals)}개, 역참조 ${k(matches)}개 → ${k(out)}바이트`,
			tailBlock: '빈 stored 블록 00 00 ff ff. 송신 측이 떼어 내고 수신 측이 다시 붙입니다(RFC 7692 §7.2.1, §7.2.2).',
			reachesBack: (v: number) =>
				`이 메시지의 시작보다 최대 ${k(v)}바이트 앞까지 참조합니다. 앞 메시지들에서 이어 온 윈도우가 있어야만 압축을 풀 수 있습니다(컨텍스트 테이크오버, RFC 7692 §7.2.3.2).`,
			empty: '메시지가 없습니다. 메시지를 시작한 프레임이 없습니다.',
			more: (v: number) => `메시지 ${k(v)}개 더 보기`
		},
		encode: {
			heading: '프레임 만들기',
			intro:
				'필드를 정하면 바이트를 만들어 줍니다. 디코더가 어떻게 설명하는지 보도록 규칙에 어긋난 프레임도 만들 수 있습니다.',
			fin: 'FIN: 메시지의 마지막 프레임',
			compress: '압축 (permessage-deflate)',
			rsv: 'FIN과 예약 비트',
			opcode: 'Opcode',
			opcodes: { 0: '연속', 1: '텍스트', 2: '바이너리', 8: '닫기', 9: '핑', 10: '퐁' },
			reserved: '예약됨',
			mask: '페이로드 마스킹 (클라이언트 → 서버)',
			key: '마스킹 키 (16진수 8자리)',
			randomKey: '새 무작위 키',
			payloadAs: '페이로드 형식',
			text: '텍스트',
			hex: '16진수',
			payload: '페이로드',
			closeCode: '상태 코드 (선택)',
			lengthForm: '길이 표기',
			lengthForms: { auto: '가장 짧게 (규칙)', 16: '16비트 (126)', 64: '64비트 (127)' },
			output: '프레임 바이트',
			copy: '바이트 복사',
			copied: '바이트를 복사했습니다.',
			decodeThese: '이 바이트 디코딩하기',
			badKey: '마스킹 키는 4바이트입니다. 16진수를 정확히 8자리 적어 주세요.',
			badCode: '상태 코드는 0부터 65535까지의 숫자입니다.',
			bytesCount: (v: number) => `${k(v)}바이트`
		}
	}
});
