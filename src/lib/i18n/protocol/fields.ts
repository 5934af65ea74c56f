// The fields of a frame (RFC 6455 §5.2) as a reader sees them: their names, their values, and what
// each says, from the engine's annotations (src/lib/protocol/framing/annotate.ts), in English and
// Korean. The simulator, the decoder, the live page and the lessons all word fields here.
import {
	opcodeName,
	type FieldAnnotation,
	type FieldMeaning,
	type FieldMeaningKey,
	type FieldName,
	type OpcodeName
} from '$lib/protocol';
import { formatNumber, hex2 } from '$lib/i18n/format';
import { defineMessages, type Lang } from '$lib/i18n/lang';

type MeaningWords = { readonly [K in FieldMeaningKey]: (m: Extract<FieldMeaning, { key: K }>) => string };

interface FieldWords {
	/** Names as in the RFC's diagram. */
	readonly long: Readonly<Record<FieldName, string>>;
	/** Short names for a byte map's cells. */
	readonly short: Readonly<Record<FieldName, string>>;
	/** The extended length's name with its width: "Extended payload length (16-bit)". */
	readonly extended: (form: 16 | 64) => string;
	readonly payloadBytes: (n: number) => string;
	readonly meaning: MeaningWords;
	/** Each opcode's name: the RFC's in English ("text", "close"). */
	readonly opcodes: Readonly<Record<OpcodeName, string>>;
}

const OPCODE_EN: Record<number, string> = {
	0x0: 'Continuation: the next piece of a fragmented message.',
	0x1: 'Text: the message is UTF-8 text.',
	0x2: 'Binary: the message is arbitrary bytes.',
	0x8: 'Close: starts or answers the closing handshake.',
	0x9: 'Ping: the peer must answer with a pong.',
	0xa: 'Pong: the answer to a ping (or a heartbeat).'
};

const OPCODE_KO: Record<number, string> = {
	0x0: '연속: 조각난 메시지의 다음 조각입니다.',
	0x1: '텍스트: 메시지가 UTF-8 텍스트입니다.',
	0x2: '바이너리: 메시지가 임의의 바이트입니다.',
	0x8: '닫기: 닫기 핸드셰이크를 시작하거나 그에 답합니다.',
	0x9: '핑: 상대는 퐁으로 답해야 합니다.',
	0xa: '퐁: 핑에 대한 답(또는 하트비트)입니다.'
};

const en: FieldWords = {
	long: {
		fin: 'FIN',
		rsv1: 'RSV1',
		rsv2: 'RSV2',
		rsv3: 'RSV3',
		opcode: 'Opcode',
		mask: 'MASK',
		length: 'Payload length',
		'extended-length': 'Extended payload length',
		'masking-key': 'Masking key',
		payload: 'Payload data'
	},
	short: {
		fin: 'FIN',
		rsv1: 'RSV1',
		rsv2: 'RSV2',
		rsv3: 'RSV3',
		opcode: 'opcode',
		mask: 'MASK',
		length: 'len',
		'extended-length': 'ext. length',
		'masking-key': 'masking key',
		payload: 'payload'
	},
	extended: (form) => `Extended payload length (${form}-bit)`,
	payloadBytes: (n) => `${formatNumber('en', n)} byte${n === 1 ? '' : 's'}`,
	opcodes: {
		continuation: 'continuation',
		text: 'text',
		binary: 'binary',
		close: 'close',
		ping: 'ping',
		pong: 'pong',
		reserved: 'reserved'
	},
	meaning: {
		'fin.final': () => 'This is the final frame of its message.',
		'fin.more': () => 'More frames of this message follow.',
		'rsv.clear': () => 'Reserved for extensions; 0 unless one is negotiated.',
		'rsv1.set': () => 'Set: only an extension may use it (permessage-deflate marks a compressed message).',
		'rsv.set': () => 'Set, though no extension defines it.',
		'rsv.unused': () => 'Reserved: permessage-deflate uses only RSV1, so this bit stays 0.',
		'rsv1.compressed': () =>
			'Compressed (permessage-deflate): the payload is DEFLATE data, inflated once the message is whole.',
		'rsv1.uncompressed': () => 'Not compressed: permessage-deflate is agreed, but this message is sent as it is.',
		'rsv1.control': () => 'Always 0 here: permessage-deflate never compresses control frames.',
		'rsv1.continuation': () => 'Always 0 here: only the first frame of a message says whether it is compressed.',
		opcode: (m) =>
			OPCODE_EN[m.opcode] ??
			`Reserved (0x${m.opcode.toString(16)}): kept for future ${m.opcode & 8 ? 'control' : 'data'} frames.`,
		'mask.set': () =>
			'The payload is masked with the 4-byte key that follows, as every client-to-server frame must be.',
		'mask.clear': () => 'The payload is not masked, as a server sends it; a client must always mask (RFC 6455 §5.1).',
		'length.7': (m) => `The payload is ${formatNumber('en', m.length)} bytes (0-125 fit in these 7 bits).`,
		'length.16': () => '126: the real length is in the next 2 bytes.',
		'length.64': () => '127: the real length is in the next 8 bytes.',
		'extended-length': (m) =>
			`The payload is ${formatNumber('en', m.length)} bytes, as a ${m.form}-bit unsigned big-endian integer.`,
		'extended-length.top-bit': () =>
			'The top bit of a 64-bit length must be 0: this is no length a receiver can read, so nothing after it can be framed.',
		'masking-key': () => 'Payload byte i is XORed with key byte i mod 4.',
		'payload.masked': () => 'The masked payload: unmask it to read the data.',
		'payload.plain': () => 'The payload data.',
		'cut-off': () => 'The input ends inside this field, so its value is not known.'
	}
};

const ko: FieldWords = {
	long: {
		fin: 'FIN',
		rsv1: 'RSV1',
		rsv2: 'RSV2',
		rsv3: 'RSV3',
		opcode: 'Opcode',
		mask: 'MASK',
		length: '페이로드 길이',
		'extended-length': '확장 페이로드 길이',
		'masking-key': '마스킹 키',
		payload: '페이로드 데이터'
	},
	short: {
		fin: 'FIN',
		rsv1: 'RSV1',
		rsv2: 'RSV2',
		rsv3: 'RSV3',
		opcode: 'opcode',
		mask: 'MASK',
		length: '길이',
		'extended-length': '확장 길이',
		'masking-key': '마스킹 키',
		payload: '페이로드'
	},
	extended: (form) => `확장 페이로드 길이(${form}비트)`,
	payloadBytes: (n) => `${formatNumber('ko', n)}바이트`,
	opcodes: {
		continuation: '연속',
		text: '텍스트',
		binary: '바이너리',
		close: '닫기',
		ping: '핑',
		pong: '퐁',
		reserved: '예약됨'
	},
	meaning: {
		'fin.final': () => '이 메시지의 마지막 프레임입니다.',
		'fin.more': () => '이 메시지의 프레임이 더 이어집니다.',
		'rsv.clear': () => '확장용으로 예약된 비트로, 협상된 확장이 없으면 0입니다.',
		'rsv1.set': () => '켜져 있습니다. 확장만 쓸 수 있는 비트입니다(permessage-deflate는 압축된 메시지를 표시).',
		'rsv.set': () => '켜져 있지만, 이 비트를 정의한 확장이 없습니다.',
		'rsv.unused': () => '예약된 비트입니다. permessage-deflate는 RSV1만 쓰므로 이 비트는 0입니다.',
		'rsv1.compressed': () =>
			'압축됨(permessage-deflate): 페이로드는 DEFLATE 데이터이며, 메시지가 다 모이면 압축을 풉니다.',
		'rsv1.uncompressed': () => '압축하지 않음: permessage-deflate를 협상했지만 이 메시지는 그대로 보냈습니다.',
		'rsv1.control': () => '여기서는 항상 0: permessage-deflate는 제어 프레임을 압축하지 않습니다.',
		'rsv1.continuation': () => '여기서는 항상 0: 압축 여부는 메시지의 첫 프레임에만 표시합니다.',
		opcode: (m) =>
			OPCODE_KO[m.opcode] ??
			`예약됨(0x${m.opcode.toString(16)}): 앞으로의 ${m.opcode & 8 ? '제어' : '데이터'} 프레임을 위해 남겨 둔 값입니다.`,
		'mask.set': () =>
			'페이로드가 뒤따르는 4바이트 키로 마스킹되어 있습니다. 클라이언트가 서버로 보내는 프레임은 모두 이렇게 마스킹해야 합니다.',
		'mask.clear': () =>
			'페이로드가 마스킹되어 있지 않습니다. 서버가 보내는 프레임이라면 정상이지만, 클라이언트는 항상 마스킹해야 합니다(RFC 6455 §5.1).',
		'length.7': (m) => `페이로드는 ${formatNumber('ko', m.length)}바이트입니다(0~125는 이 7비트에 들어갑니다).`,
		'length.16': () => '126: 실제 길이는 다음 2바이트에 있습니다.',
		'length.64': () => '127: 실제 길이는 다음 8바이트에 있습니다.',
		'extended-length': (m) =>
			`페이로드는 ${formatNumber('ko', m.length)}바이트이며, ${m.form}비트 부호 없는 빅엔디언 정수로 적혀 있습니다.`,
		'extended-length.top-bit': () =>
			'64비트 길이의 최상위 비트는 0이어야 합니다. 수신 측이 읽을 수 있는 길이가 아니므로 그 뒤의 바이트는 프레임으로 나눌 수 없습니다.',
		'masking-key': () => '페이로드의 i번째 바이트를 키의 (i mod 4)번째 바이트와 XOR합니다.',
		'payload.masked': () => '마스킹된 페이로드입니다. 마스킹을 풀어야 데이터를 읽을 수 있습니다.',
		'payload.plain': () => '페이로드 데이터입니다.',
		'cut-off': () => '입력이 이 필드 중간에서 끝나 값을 알 수 없습니다.'
	}
};

export const fieldWords = defineMessages({ en, ko });

/** A field's name: "Opcode", "Extended payload length (64-bit)". */
export function fieldLabel(f: Pick<FieldAnnotation, 'field' | 'form'>, lang: Lang): string {
	const w = fieldWords(lang);
	return f.field === 'extended-length' && (f.form === 16 || f.form === 64) ? w.extended(f.form) : w.long[f.field];
}

/** A field's value as the byte maps show it: "1", "0x1", "126", "37 fa 21 3d", "5 bytes", "?". */
export function fieldValue(f: FieldAnnotation, lang: Lang): string {
	switch (f.field) {
		case 'opcode':
			return `0x${(f.value ?? 0).toString(16)}`;
		case 'masking-key':
			return [...(f.bytes ?? []).map(hex2), ...Array<string>(Math.max(0, 4 - (f.bytes?.length ?? 0))).fill('??')].join(
				' '
			);
		case 'extended-length':
			if (f.value !== null) return String(f.value);
			// A 64-bit length that is no length: its bytes as they are.
			return f.bytes && f.bytes.length ? `0x${f.bytes.map(hex2).join('')}` : '?';
		case 'payload':
			return f.value === null ? '?' : fieldWords(lang).payloadBytes(f.value);
		default:
			return f.value === null ? '?' : String(f.value);
	}
}

/** What a field says about its frame, in a sentence. */
export function fieldMeaning(f: Pick<FieldAnnotation, 'meaning'>, lang: Lang): string {
	const words = fieldWords(lang).meaning as Record<FieldMeaningKey, (m: FieldMeaning) => string>;
	return words[f.meaning.key](f.meaning);
}

/** An opcode's name: "text", "close", "reserved (0x3)". */
export function opcodeLabel(op: number, lang: Lang): string {
	const name = opcodeName(op);
	const word = fieldWords(lang).opcodes[name];
	return name === 'reserved' ? `${word} (0x${op.toString(16)})` : word;
}
