/**
 * The opening handshake as the browser sends it, reconstructed: a page never sees the request its
 * WebSocket makes (RFC 6455 §4.1), so it is rebuilt with the engine's buildClientRequest plus the
 * header fields browsers add on their own. The key is a stand-in (the browser draws its own and
 * never tells the page), and the order and values of the extra fields vary by browser: the page
 * marks all of it as reconstructed. With the side channel the real request replaces it.
 */
import {
	acceptSteps,
	base64Encode,
	buildClientRequest,
	headToText,
	type ExtensionOffer,
	type WebSocketUri
} from '$lib/protocol';

export interface BrowserFacts {
	/** The page's origin, which the browser sends as Origin (RFC 6455 §4.1 item 8, §10.2). */
	readonly origin: string;
	readonly userAgent: string;
	/** navigator.languages, most preferred first. */
	readonly languages: readonly string[];
}

export interface ReconstructedRequest {
	readonly text: string;
	readonly bytes: Uint8Array;
	/** The stand-in Sec-WebSocket-Key, and the Sec-WebSocket-Accept a server computes from it (§4.2.2). */
	readonly key: string;
	readonly accept: string;
}

/** What every current browser offers: permessage-deflate, letting the server limit our window (RFC 7692 §7.1.2.2). */
export const BROWSER_EXTENSION_OFFER: ExtensionOffer = {
	name: 'permessage-deflate',
	params: { client_max_window_bits: true }
};

/** Accept-Language as Chromium writes it: "ko-KR,ko;q=0.9,en-US;q=0.8". */
export function acceptLanguage(languages: readonly string[]): string {
	const list = languages.filter(Boolean).slice(0, 10);
	if (!list.length) return 'en-US,en;q=0.9';
	return list.map((l, i) => (i === 0 ? l : `${l};q=${Math.max(0.1, 1 - i / 10).toFixed(1)}`)).join(',');
}

export function reconstructRequest(
	uri: WebSocketUri,
	protocols: readonly string[],
	facts: BrowserFacts,
	random: (n: number) => Uint8Array
): ReconstructedRequest {
	const key = base64Encode(random(16));
	const { bytes } = buildClientRequest({
		uri,
		key,
		origin: facts.origin,
		protocols,
		extensions: [BROWSER_EXTENSION_OFFER],
		headers: [
			['Pragma', 'no-cache'],
			['Cache-Control', 'no-cache'],
			['User-Agent', facts.userAgent],
			['Accept-Encoding', 'gzip, deflate, br, zstd'],
			['Accept-Language', acceptLanguage(facts.languages)]
		]
	});
	return { text: headToText(bytes), bytes, key, accept: acceptSteps(key).accept };
}
