import { describe, expect, it } from 'vitest';
import { markedParts, unmarked } from '$lib/i18n/marked';

describe('words that quote the wire', () => {
	it('splits prose from the quoted bytes', () => {
		expect(markedParts('reads `Upgrade: websocket` and `GET`.')).toEqual([
			{ text: 'reads ', code: false },
			{ text: 'Upgrade: websocket', code: true },
			{ text: ' and ', code: false },
			{ text: 'GET', code: true },
			{ text: '.', code: false }
		]);
		expect(unmarked('reads `Upgrade: websocket` and `GET`.')).toBe('reads Upgrade: websocket and GET.');
	});

	it('keeps an unpaired backtick as text rather than losing what follows it', () => {
		expect(markedParts('a `b` c ` d')).toEqual([
			{ text: 'a ', code: false },
			{ text: 'b', code: true },
			{ text: ' c ` d', code: false }
		]);
		expect(unmarked('one ` tick')).toBe('one ` tick');
	});

	it('leaves words without quotes alone', () => {
		expect(markedParts('plain')).toEqual([{ text: 'plain', code: false }]);
		expect(markedParts('')).toEqual([]);
	});
});
