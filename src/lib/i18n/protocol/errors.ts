// The engine's protocol errors (src/lib/protocol/errors.ts), in English and Korean: for each code,
// the rule it breaks in one sentence, and what this case adds (the opcode seen, the sizes). Typed
// by the engine's own table of parameters, so a code without words in either language is a type
// error.
import type { ErrorCode, ProtocolError, ProtocolErrorParams, RsvBit } from '$lib/protocol';
import { formatNumber } from '$lib/i18n/format';
import { defineMessages, type Lang } from '$lib/i18n/lang';

export type ErrorWords = {
	readonly [C in ErrorCode]: {
		/** The rule, for anyone: what a peer must (not) do and what a receiver does about it. */
		readonly rule: string;
		/** What this error adds to the rule (the opcode, the sizes), or null when nothing. */
		readonly detail: (p: ProtocolErrorParams[C]) => string | null;
	};
};

const rsv = (bits: readonly RsvBit[]) => bits.map((b) => b.toUpperCase()).join(', ');
const hex = (v: number) => v.toString(16);
const n = (v: number) => formatNumber('en', v);
const k = (v: number) => formatNumber('ko', v);

const en: ErrorWords = {
	RESERVED_OPCODE: {
		rule: 'Opcodes 0x3-0x7 and 0xB-0xF are reserved; a receiver must fail the connection.',
		detail: (p) => `opcode 0x${hex(p.opcode)}`
	},
	RSV_WITHOUT_EXTENSION: {
		rule: 'An RSV bit is set but no negotiated extension gives it a meaning.',
		detail: (p) => `${rsv(p.bits)} set`
	},
	CONTROL_TOO_LONG: {
		rule: 'Control frames (close, ping, pong) may carry at most 125 bytes of payload.',
		detail: (p) => (p.length === null ? 'its length form says more than 125 bytes' : `${n(p.length)} bytes`)
	},
	CONTROL_FRAGMENTED: { rule: 'Control frames must not be fragmented: their FIN bit must be 1.', detail: () => null },
	LENGTH_TOP_BIT: {
		rule: 'The most significant bit of a 64-bit payload length must be 0: this is no length a receiver can read, so nothing after it can be framed.',
		detail: () => null
	},
	UNMASKED_CLIENT_FRAME: {
		rule: 'A client must mask every frame it sends; a server receiving an unmasked frame closes the connection.',
		detail: () => null
	},
	MASKED_SERVER_FRAME: {
		rule: 'A server must not mask its frames; a client receiving a masked frame closes the connection.',
		detail: () => null
	},
	UNEXPECTED_CONTINUATION: {
		rule: 'A continuation frame arrived but no fragmented message was in progress.',
		detail: () => null
	},
	EXPECTED_CONTINUATION: {
		rule: 'A new text or binary frame arrived before the previous fragmented message was finished; only a continuation frame may come here.',
		detail: () => null
	},
	INVALID_UTF8: {
		rule: 'A text message must be valid UTF-8; on invalid data the receiver fails the connection with 1007.',
		detail: (p) =>
			p.stage === 'end'
				? 'the message ends in the middle of a character'
				: `invalid byte at offset ${n(p.at)} of the ${p.stage === 'inflated' ? 'inflated ' : ''}message`
	},
	INVALID_CLOSE_REASON: {
		rule: 'The reason in a close frame must be valid UTF-8.',
		detail: (p) => `invalid byte at offset ${n(p.at)} of the reason`
	},
	CLOSE_PAYLOAD_ONE_BYTE: {
		rule: 'A close payload is empty or starts with a 2-byte status code; one byte alone is malformed.',
		detail: () => null
	},
	INVALID_CLOSE_CODE: {
		rule: 'This close code may not appear on the wire (valid: 1000-1003, 1007-1014, 3000-4999).',
		detail: (p) => `code ${p.code}`
	},
	MESSAGE_TOO_BIG: {
		rule: 'The message is larger than this endpoint accepts, so it closes with 1009 (Message Too Big).',
		detail: (p) =>
			p.stage === 'inflated'
				? `more than ${n(p.limit)} bytes once inflated`
				: p.stage === 'budget'
					? `the page inflates at most ${n(p.limit)} bytes in all, and that is spent`
					: p.size === null
						? 'a length beyond 2^53 bytes'
						: `${n(p.size)} bytes${p.stage === 'compressed' ? ' compressed' : ''}, over the limit of ${n(p.limit)}`
	},
	INVALID_COMPRESSED_DATA: {
		rule: 'A compressed message could not be inflated: the DEFLATE data is corrupt.',
		detail: (p) =>
			p.problem === 'unfinished' ? 'it does not end at a DEFLATE block boundary, even with 00 00 ff ff appended' : null
	},
	RSV1_ON_CONTINUATION: {
		rule: 'permessage-deflate sets RSV1 on the first frame of a message only, never on a continuation frame.',
		detail: () => null
	},
	RSV1_ON_CONTROL: {
		rule: 'permessage-deflate never compresses control frames, so RSV1 must be 0 on them.',
		detail: () => null
	}
};

const ko: ErrorWords = {
	RESERVED_OPCODE: {
		rule: 'opcode 0x3~0x7과 0xB~0xF는 앞으로를 위해 예약되어 있습니다. 이런 프레임을 받으면 수신 측은 연결을 실패 처리해야 합니다.',
		detail: (p) => `opcode 0x${hex(p.opcode)}`
	},
	RSV_WITHOUT_EXTENSION: {
		rule: 'RSV 비트가 켜져 있지만, 협상된 확장 가운데 이 비트에 의미를 부여하는 것이 없습니다.',
		detail: (p) => `${rsv(p.bits)} 비트가 켜짐`
	},
	CONTROL_TOO_LONG: {
		rule: '제어 프레임(close, ping, pong)의 페이로드는 125바이트를 넘을 수 없습니다.',
		detail: (p) => (p.length === null ? '길이 형식만 보아도 125바이트가 넘음' : `${k(p.length)}바이트`)
	},
	CONTROL_FRAGMENTED: {
		rule: '제어 프레임은 조각낼 수 없으므로 FIN 비트가 반드시 1이어야 합니다.',
		detail: () => null
	},
	LENGTH_TOP_BIT: {
		rule: '64비트 페이로드 길이의 최상위 비트는 0이어야 합니다. 수신 측이 읽을 수 있는 길이가 아니므로 그 뒤의 바이트도 프레임으로 나눌 수 없습니다.',
		detail: () => null
	},
	UNMASKED_CLIENT_FRAME: {
		rule: '클라이언트는 보내는 모든 프레임을 마스킹해야 합니다. 마스킹되지 않은 프레임을 받은 서버는 연결을 닫습니다.',
		detail: () => null
	},
	MASKED_SERVER_FRAME: {
		rule: '서버는 프레임을 마스킹하면 안 됩니다. 마스킹된 프레임을 받은 클라이언트는 연결을 닫습니다.',
		detail: () => null
	},
	UNEXPECTED_CONTINUATION: {
		rule: '진행 중인 조각난 메시지가 없는데 연속 프레임(opcode 0x0)이 도착했습니다.',
		detail: () => null
	},
	EXPECTED_CONTINUATION: {
		rule: '앞의 조각난 메시지가 끝나기 전에 새 텍스트·바이너리 프레임이 도착했습니다. 그 자리에는 연속 프레임만 올 수 있습니다.',
		detail: () => null
	},
	INVALID_UTF8: {
		rule: '텍스트 메시지는 올바른 UTF-8이어야 합니다. 잘못된 바이트를 만나는 즉시 수신 측은 1007로 연결을 실패 처리합니다.',
		detail: (p) =>
			p.stage === 'end'
				? '메시지가 문자 중간에서 끝남'
				: `${p.stage === 'inflated' ? '압축을 푼 ' : ''}메시지의 ${k(p.at)}번 바이트가 잘못됨`
	},
	INVALID_CLOSE_REASON: {
		rule: 'close 프레임에 담긴 이유 문자열은 올바른 UTF-8이어야 합니다.',
		detail: (p) => `이유의 ${k(p.at)}번 바이트가 잘못됨`
	},
	CLOSE_PAYLOAD_ONE_BYTE: {
		rule: 'close 페이로드는 비어 있거나 2바이트 상태 코드로 시작해야 합니다. 1바이트만 있으면 잘못된 형식입니다.',
		detail: () => null
	},
	INVALID_CLOSE_CODE: {
		rule: '이 닫기 코드는 네트워크로 보낼 수 없습니다. 보낼 수 있는 코드는 1000~1003, 1007~1014, 3000~4999입니다.',
		detail: (p) => `코드 ${p.code}`
	},
	MESSAGE_TOO_BIG: {
		rule: '이 엔드포인트가 받아들이는 크기보다 큰 메시지라서 1009(메시지가 너무 큼)로 연결을 닫습니다.',
		detail: (p) =>
			p.stage === 'inflated'
				? `압축을 풀면 ${k(p.limit)}바이트를 넘음`
				: p.stage === 'budget'
					? `이 페이지가 압축을 풀어 주는 총량 ${k(p.limit)}바이트를 다 씀`
					: p.size === null
						? '2^53바이트를 넘는 길이'
						: `${p.stage === 'compressed' ? '압축된 상태로 ' : ''}${k(p.size)}바이트, 한도 ${k(p.limit)}바이트 초과`
	},
	INVALID_COMPRESSED_DATA: {
		rule: '압축된 메시지를 풀 수 없습니다. DEFLATE 데이터가 손상되었습니다.',
		detail: (p) => (p.problem === 'unfinished' ? '00 00 ff ff를 붙여도 DEFLATE 블록 경계에서 끝나지 않음' : null)
	},
	RSV1_ON_CONTINUATION: {
		rule: 'permessage-deflate는 메시지의 첫 프레임에만 RSV1을 켜고, 연속 프레임에는 켜지 않습니다.',
		detail: () => null
	},
	RSV1_ON_CONTROL: {
		rule: 'permessage-deflate는 제어 프레임을 압축하지 않으므로 제어 프레임의 RSV1은 0이어야 합니다.',
		detail: () => null
	}
};

export const errorWords = defineMessages({ en, ko });

/** An error's rule with what this case adds: "Control frames ... 125 bytes of payload. (126 bytes)". */
export function errorText(e: ProtocolError, lang: Lang): string {
	const w = errorWords(lang)[e.code] as { rule: string; detail: (p: unknown) => string | null };
	const detail = w.detail(e.params);
	return detail ? `${w.rule} (${detail})` : w.rule;
}

/** Just what the case adds, for a line that already names the rule. */
export function errorDetail(e: ProtocolError, lang: Lang): string | null {
	const w = errorWords(lang)[e.code] as { detail: (p: unknown) => string | null };
	return w.detail(e.params);
}
