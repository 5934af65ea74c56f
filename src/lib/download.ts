/** Save `blob` as a file called `name`: the browser's download, from memory (nothing is uploaded). */
export function download(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.appendChild(a);
	a.click();
	a.remove();
	// Some browsers read the URL after click() returns: let it live a moment.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
