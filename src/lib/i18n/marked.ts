// Words sometimes quote the wire: a header line, a token, a message's text. Such a quote is marked
// with backticks in the words ("reads `Upgrade: websocket`") and shown as code, so a reader sees
// where the sentence ends and the bytes begin, a translation tool leaves it alone, and the Korean
// sentence around it stays Korean.

export interface MarkedPart {
	readonly text: string;
	/** Exactly what the bytes say: shown as code, never translated. */
	readonly code: boolean;
}

/** Split marked words into prose and quoted parts. An unpaired backtick is kept as text. */
export function markedParts(words: string): MarkedPart[] {
	const pieces = words.split('`');
	// An even count of pieces means one backtick has no partner: join the last two back together.
	if (pieces.length % 2 === 0) pieces.splice(-2, 2, `${pieces.at(-2)}\`${pieces.at(-1)}`);
	return pieces.map((text, i) => ({ text, code: i % 2 === 1 })).filter((p) => p.text !== '');
}

/** The words as plain text: for an attribute, a title, a terminal. */
export function unmarked(words: string): string {
	return markedParts(words)
		.map((p) => p.text)
		.join('');
}
