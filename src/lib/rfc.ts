/** Links to the RFC sections the engine cites ('RFC 6455 §5.5.1' → rfc-editor.org). */
export function rfcHref(rfc: string): string | null {
	const m = /^RFC (\d+)(?: §([\d.]+))?$/.exec(rfc.trim());
	if (!m) return null;
	return `https://www.rfc-editor.org/rfc/rfc${m[1]}${m[2] ? `#section-${m[2]}` : ''}`;
}
