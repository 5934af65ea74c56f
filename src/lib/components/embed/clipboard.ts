/**
 * Copy text for the reader: the async clipboard, or where it is refused (an insecure origin, a
 * permissions policy) the old way, from the box that shows the text, selected so Ctrl+C works too.
 * The box must be on the page by the time `box()` is called. True when the text was copied.
 */
export async function copyText(
	text: string,
	box: () => HTMLInputElement | HTMLTextAreaElement | null | Promise<HTMLInputElement | HTMLTextAreaElement | null>
): Promise<boolean> {
	try {
		if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		const el = await box();
		el?.focus();
		el?.select();
		try {
			return document.execCommand('copy');
		} catch {
			return false;
		}
	}
}
